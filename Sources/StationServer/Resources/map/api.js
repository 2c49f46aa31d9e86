// The map's calls to the StationFinder HTTP API: the caller's key, query strings and the API's error shape.
'use strict';

window.MapAPI = (function () {
  const KEY = 'stationfinder.apiKey';

  /** An error answered by the API: its status, its message and the parameter at fault. */
  class APIError extends Error {
    constructor(status, message, field) {
      super(message);
      this.status = status;
      this.field = field;
    }

    /** The sentence the page shows: what kind of refusal, then the API's own message. */
    get display() {
      if (this.status === 401) return 'API 密钥无效或缺少 Key refused (401): ' + this.message;
      if (this.status === 403) return '权限不足 Not allowed for this key (403): ' + this.message;
      if (this.status === 0) return '无法连接服务 Service unreachable: ' + this.message;
      const where = this.field ? ', ' + this.field : '';
      return '请求被拒绝 Request refused (' + this.status + where + '): ' + this.message;
    }
  }

  function key() { return sessionStorage.getItem(KEY) || ''; }
  function setKey(value) { if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY); }

  function headers(accept) {
    const h = {};
    if (accept) h.Accept = accept;
    if (key()) h.Authorization = 'Bearer ' + key();
    return h;
  }

  /** A path with its query; spaces as %20, since the API reads `+` as a plus (`+08:00` offsets). */
  function url(path, params) {
    const query = Object.keys(params || {})
      .map((name) => encodeURIComponent(name) + '=' + encodeURIComponent(params[name])).join('&');
    return query ? path + '?' + query : path;
  }

  /** The raw response of a GET; API errors (4xx, 5xx) become an APIError with the API's message. */
  async function get(path, params, accept) {
    let response;
    try {
      response = await fetch(url(path, params), { headers: headers(accept) });
    } catch (err) {
      throw new APIError(0, String(err.message || err), null);
    }
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      let field = null;
      try {
        const body = await response.json();
        message = body.error.message;
        field = body.error.field || null;
      } catch (_) { /* not the API's error shape: keep the status line */ }
      throw new APIError(response.status, message, field);
    }
    return response;
  }

  /** The JSON body of a GET. */
  async function json(path, params, accept) {
    return (await get(path, params, accept)).json();
  }

  return { APIError, key, setKey, get, json, url };
})();
