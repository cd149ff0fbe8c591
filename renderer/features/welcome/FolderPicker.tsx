import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { Icon } from '../../components/Icon';

/** Serve mode's Open Folder: browse the server's folders (the browser cannot show them natively). */
export function FolderPicker(props: { onPick: (path: string) => void; onCancel: () => void }) {
  const [listing, setListing] = useState<{ path: string; parent: string | null; dirs: string[] } | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);

  // only the newest request shows: a slow first listing must not replace the folder the person asked for since
  const latest = useRef(0);
  // what the path box holds, for a listing that comes back while the person is typing in it
  const typedNow = useRef('');
  typedNow.current = typed;
  const go = async (path?: string) => {
    const seq = ++latest.current;
    const typedAtStart = typedNow.current;
    try {
      const next = await api().call('host.listDirs', { path });
      if (seq !== latest.current) return;
      setListing(next);
      // the box follows the listing, unless the person has typed in it since asking
      if (typedNow.current === typedAtStart) setTyped(next.path);
      setError(null);
    } catch (err) {
      if (seq === latest.current) setError(errorMessage(err));
    }
  };
  useEffect(() => {
    void go();
  }, []);

  const join = (base: string, name: string) => (base.endsWith('/') || base.endsWith('\\') ? base + name : `${base}/${name}`);
  const dirs = listing?.dirs.filter((d) => showHidden || !d.startsWith('.')) ?? [];
  return (
    <div className="modal-backdrop">
      <div className="modal folder-picker" role="dialog" aria-label="Open Folder">
        <h2>Open Folder on the server</h2>
        <form
          className="picker-path"
          onSubmit={(e) => {
            e.preventDefault();
            void go(typed);
          }}
        >
          <input aria-label="Folder path" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit">Go</button>
        </form>
        {error && <div className="input-error">{error}</div>}
        <div className="picker-list" role="listbox" aria-label="Folders">
          {listing?.parent && (
            <button className="picker-item" onClick={() => void go(listing.parent ?? undefined)}>
              ..
            </button>
          )}
          {dirs.map((d) => (
            <button key={d} className="picker-item" onDoubleClick={() => listing && props.onPick(join(listing.path, d))} onClick={() => listing && void go(join(listing.path, d))}>
              <Icon name="folder" /> {d}
            </button>
          ))}
          {listing && dirs.length === 0 && <div className="muted">No folders here.</div>}
        </div>
        <label className="muted">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Show hidden folders
        </label>
        <div className="modal-buttons">
          <button className="primary" disabled={!listing} onClick={() => listing && props.onPick(listing.path)}>
            Open {listing?.path ?? ''}
          </button>
          <button onClick={props.onCancel}>Cancel</button>
        </div>
      </div>
    </div>
  );
}
