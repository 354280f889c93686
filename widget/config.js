// Deployment settings of the widget: the only file that differs between environments. Publishing to AWS
// replaces it (see README, "The widget"); no build step reads or rewrites anything else.
export default {
  // Base URL of the HTTP API (the stack's ApiUrl output), e.g. "https://abc123.execute-api.eu-west-1.amazonaws.com".
  // Empty: the page's own origin, as when the local gateway serves the widget under /static/.
  apiBaseUrl: "",
  // The largest cover the API accepts (the stack's MaxUploadBytes parameter), checked before uploading.
  maxUploadBytes: 5 * 1024 * 1024,
};
