const CHATKIT_SCRIPT_URL = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';

/**
 * Adds the script that defines `<openai-chatkit>` (served by OpenAI's CDN) once; only the OpenAI mode needs it.
 */
export function loadChatKitScript(): void {
  if (document.querySelector(`script[src="${CHATKIT_SCRIPT_URL}"]`)) return;
  const script = document.createElement('script');
  script.src = CHATKIT_SCRIPT_URL;
  script.async = true;
  document.head.append(script);
}
