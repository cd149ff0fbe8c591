/**
 * TEST SUPPORT: points HOME at `dir` until the returned function is called, so shells started
 * by a test read no ~/.bashrc of this machine (a slow or locking rc, such as `pyenv init`
 * killed mid-rehash, would otherwise stall every later shell).
 */
export function isolateHome(dir: string): () => void {
  const saved = process.env.HOME;
  process.env.HOME = dir;
  return () => {
    if (saved === undefined) delete process.env.HOME;
    else process.env.HOME = saved;
  };
}
