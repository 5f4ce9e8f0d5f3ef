// Deploy-time settings of the client portal, read before the app starts (index.html loads this file first; it is
// never hashed or cached). apiBaseUrl: the origin of the Cairn API, e.g. "https://api.practice.example"; empty
// means the origin this page is served from (a proxy forwarding /api to the API).
window.CAIRN_CONFIG = { apiBaseUrl: '' };
