import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests never touch a developer's store: every test session gets an empty data folder.
import os  # noqa: E402
import tempfile  # noqa: E402

os.environ["KONVERGENSI_DATA_DIR"] = tempfile.mkdtemp(prefix="konvergensi-test-")
