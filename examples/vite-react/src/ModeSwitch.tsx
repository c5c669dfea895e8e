import { type ChatKitMode, chatKitMode, hrefForChatKitMode } from './chatKitMode.js';

const MODES: readonly { readonly mode: ChatKitMode; readonly label: string; readonly hint: string }[] = [
  { mode: 'hosted', label: 'Hosted mode', hint: 'ChatKit sessions of a workflow, from the session endpoint' },
  { mode: 'custom', label: 'Custom-backend mode', hint: 'your own ChatKit server, with tokens your app mints' },
];

/** Links between the page's two modes; each loads the page anew, so one provider serves one kind of credential. */
export function ModeSwitch() {
  return (
    <nav className="mode-switch" aria-label="ChatKit mode">
      {MODES.map(({ mode, label, hint }) => (
        <a
          key={mode}
          href={hrefForChatKitMode(mode)}
          className={mode === chatKitMode ? 'current' : undefined}
          aria-current={mode === chatKitMode ? 'page' : undefined}
        >
          <strong>{label}</strong>
          <span className="small">{hint}</span>
        </a>
      ))}
    </nav>
  );
}
