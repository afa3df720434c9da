// The landing page's script: GraphiQL (from the graphiql npm package's own bundle, served by the API),
// pointed at this server, with the Authorization header ready to fill in and the README's examples as tabs.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var url = window.location.origin + "/graphql";
  var PLACEHOLDER = /<paste/;
  // Every tab has its own headers: the key pasted in one is used by the others for this browser session
  // (sessionStorage, gone when the tab closes), so an example tab answers without pasting it again.
  function rememberingKey(fetcher) {
    return function (params, options) {
      var headers = Object.assign({}, (options && options.headers) || {});
      var given = headers.Authorization || headers.authorization;
      if (given && !PLACEHOLDER.test(given) && /^Bearer \S+/.test(given)) {
        sessionStorage.setItem("tilsyn.authorization", given);
      } else {
        var kept = sessionStorage.getItem("tilsyn.authorization");
        delete headers.authorization;
        if (kept) headers.Authorization = kept;
      }
      return fetcher(params, Object.assign({}, options, { headers: headers }));
    };
  }
  fetch("/graphiql/examples.json")
    .then(function (res) {
      return res.ok ? res.json() : [];
    })
    .catch(function () {
      return [];
    })
    .then(function (examples) {
      var tabs = examples.map(function (e) {
        return { query: "# " + e.title + "\n" + e.document + "\n", variables: e.variables };
      });
      var welcome =
        "# tilsyn: GraphQL API for GDPR vendor risk.\n" +
        "# 1. Open Headers below and put your API key after 'Bearer ' (npm start prints the demo key).\n" +
        "# 2. Run this query (Ctrl-Enter), or open the README's examples in the tabs above.\n" +
        "{\n  viewer { role organization { name } }\n}\n";
      ReactDOM.createRoot(root).render(
        React.createElement(GraphiQL, {
          fetcher: rememberingKey(GraphiQL.createFetcher({ url: url })),
          defaultHeaders: '{\n  "Authorization": "Bearer <paste your API key here>"\n}',
          defaultEditorToolsVisibility: "headers",
          shouldPersistHeaders: false,
          defaultTabs: [{ query: welcome }].concat(tabs),
          isHeadersEditorEnabled: true,
        }),
      );
    });
})();
