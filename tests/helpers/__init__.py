"""What the tests share: fixtures (exposed through tests/conftest.py), the app in a subprocess,
the browser, a client that talks to Dash over HTTP, and builders of test data.

Test modules import only from here (and the app), never from another test module or a
conftest; tests/unit/test_test_layout.py checks that.
"""
