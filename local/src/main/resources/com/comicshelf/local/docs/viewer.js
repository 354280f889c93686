// Renders /docs/openapi.yaml with Swagger UI. No validator badge (it would call swagger.io), so the page
// works offline; "Try it out" calls the gateway that serves this page.
window.addEventListener('load', function () {
  var root = document.getElementById('api-reference');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec'),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    requestInterceptor: function (request) {
      // The description's first server is http://localhost:3000; the gateway may listen elsewhere.
      request.url = request.url.replace(/^http:\/\/localhost:3000(?=\/)/, window.location.origin);
      return request;
    }
  });
});
