const CHATKIT_SCRIPT_URL = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';

/**
 * Adds the script that defines `<openai-chatkit>` once: OpenAI's CDN, or the demo's local stand-in.
 *
 * @param url The script's URL. Defaults to OpenAI's CDN.
 */
export function loadChatKitScript(url: string = CHATKIT_SCRIPT_URL): void {
  if (document.querySelector(`script[src="${url}"]`)) return;
  const script = document.createElement('script');
  script.src = url;
  script.async = true;
  document.head.append(script);
}
