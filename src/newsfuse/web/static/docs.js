// Starts Swagger UI on the app's own OpenAPI document (served from this package: no CDN).
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.getAttribute("data-openapi"), dom_id: "#swagger-ui" });
});
