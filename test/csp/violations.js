// Loaded first on every page of the CSP test: records each securitypolicyviolation, on this page and
// (in sessionStorage) across the navigations of the flow.
(function () {
  var KEY = 'csp.violations';
  var seen = [];
  // "span.logo in lf-connection-picker in lf-link-flow": where in the shadow trees it happened.
  function describe(node) {
    var parts = [];
    for (var el = node; el && el.nodeType === 1;) {
      parts.push(
        parts.length === 0 && el.className ? el.localName + '.' + String(el.className).split(' ')[0] : el.localName,
      );
      var root = el.getRootNode();
      el = root && root.host ? root.host : null;
    }
    return parts.join(' in ');
  }
  window.__cspViolations = seen;
  document.addEventListener(
    'securitypolicyviolation',
    function (event) {
      var entry = {
        page: location.pathname,
        element: describe(event.composedPath ? event.composedPath()[0] : event.target),
        directive: event.effectiveDirective || event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: event.sourceFile,
        line: event.lineNumber,
      };
      seen.push(entry);
      try {
        var all = JSON.parse(sessionStorage.getItem(KEY) || '[]');
        all.push(entry);
        sessionStorage.setItem(KEY, JSON.stringify(all));
      } catch {
        // The in-page list still has it.
      }
    },
    true,
  );
})();
