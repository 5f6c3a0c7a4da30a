// The Print button of the printable views (/lokus/cetak): a script file rather than an inline
// onclick, which the app's Content-Security-Policy refuses. Loaded with every page; it only acts
// on elements marked data-action="print".
document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("[data-action='print']") : null;
    if (target) {
        event.preventDefault();
        window.print();
    }
});
