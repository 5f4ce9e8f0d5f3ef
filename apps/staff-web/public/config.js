// Deploy-time settings of the staff web, read before the app starts (index.html loads this file first; it is
// never hashed or cached). apiBaseUrl: the origin of the Cairn API, e.g. "https://api.practice.example"; empty
// means the origin this page is served from (the API serving the bundle, or a proxy forwarding /api to it).
// When the API serves the bundle (STAFF_WEB_DIR) it answers /config.js itself from STAFF_WEB_API_URL.
window.CAIRN_CONFIG = { apiBaseUrl: '' };
