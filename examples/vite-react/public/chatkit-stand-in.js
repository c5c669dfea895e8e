// A local stand-in for OpenAI's ChatKit script (cdn.platform.openai.com/deployments/chatkit/chatkit.js): it defines
// `<openai-chatkit>`, loads a frame, emits `chatkit.ready` / `chatkit.error` and calls the `api` it was given, as the
// real one does. How it misbehaves comes from its own URL's `behaviour` query parameter, so a test or the demo can
// reproduce each way the real one fails to show up:
// - `healthy` (default): ready once its frame loads, then asks for a credential (hosted) or sends a request (custom);
// - `never-define`: runs but never defines the element (a CDN regression);
// - `never-ready`: defines the element, whose frame never reports ready (a frame refused or stuck);
// - `never-call`: ready, but never asks for a credential nor sends a request;
// - `error`: ready, then emits `chatkit.error` (as a failed domain key check does);
// - `late-error`: healthy, then emits `chatkit.error` once chatting (as a message that fails to send does).
(() => {
  const script = document.currentScript;
  const source = new URL(script ? script.src : location.href);
  const behaviour = source.searchParams.get('behaviour') ?? 'healthy';
  window.chatKitStandIn = { behaviour, loaded: true };
  if (behaviour === 'never-define' || customElements.get('openai-chatkit')) return;

  class OpenAIChatKitStandIn extends HTMLElement {
    #options = null;
    #started = false;

    setOptions(options) {
      this.#options = options;
      this.#start();
    }

    connectedCallback() {
      this.#start();
    }

    #emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    #start() {
      if (this.#started || !this.#options || !this.isConnected) return;
      this.#started = true;
      const frame = document.createElement('iframe');
      frame.title = 'ChatKit stand-in';
      frame.src = new URL('chatkit-stand-in-frame.html', source).href;
      frame.style.cssText = 'border:0;width:100%;height:100%';
      frame.addEventListener('load', () => {
        if (behaviour === 'never-ready') return;
        this.dataset.standIn = 'ready';
        this.#emit('chatkit.ready', undefined);
        if (behaviour === 'error') {
          this.#emit('chatkit.error', { error: new Error(`Domain verification failed for ${location.host}.`) });
        } else if (behaviour !== 'never-call') {
          void this.#call();
        }
      });
      this.replaceChildren(frame);
    }

    async #call() {
      const { api } = this.#options;
      try {
        if ('getClientSecret' in api) await api.getClientSecret(null);
        else await api.fetch(api.url, { method: 'POST', body: '{"type":"threads.list"}' });
        this.dataset.standIn = 'chatting';
        if (behaviour === 'late-error') this.#emit('chatkit.error', { error: new Error('A message failed to send.') });
      } catch (error) {
        this.#emit('chatkit.error', { error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  }
  customElements.define('openai-chatkit', OpenAIChatKitStandIn);
})();
