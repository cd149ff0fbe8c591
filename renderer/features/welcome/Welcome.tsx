import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { openFolder } from '../../app/workspace';

/** Shown when no folder is open: Open Folder and the recent folders. */
export function Welcome() {
  const [recent, setRecent] = useState<string[]>([]);
  useEffect(() => {
    void api()
      .call('workspace.recent', {})
      .then((r) => setRecent(r.folders))
      .catch(() => setRecent([]));
  }, []);
  return (
    <div className="welcome">
      <h1>Specwright</h1>
      <p className="muted">Spec-driven development with an AI agent.</p>
      <button className="primary big" onClick={() => void openFolder()}>
        Open Folder…
      </button>
      {recent.length > 0 && (
        <section className="recent">
          <h2>Recent</h2>
          <ul>
            {recent.map((f) => (
              <li key={f}>
                <button className="link" onClick={() => void openFolder(f)}>
                  {f}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
