// npm links the bins of dependencies into node_modules/.bin, but not the package's own;
// linking it here makes `npx scrcode …` work inside a clone.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
const link = join(binDir, 'scrcode');
rmSync(link, { force: true });
if (process.platform === 'win32') {
  writeFileSync(`${link}.cmd`, '@node "%~dp0\\..\\..\\bin\\scrcode.js" %*\r\n');
} else {
  symlinkSync('../../bin/scrcode.js', link);
  chmodSync(join(root, 'bin', 'scrcode.js'), 0o755);
}
