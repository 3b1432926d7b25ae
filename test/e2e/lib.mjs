// Shared helpers for Clio's real-VS Code tests: start an isolated code-server on 127.0.0.1 and a headless Debian Chromium (adapted from the project's real-vscode recipe).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const CODE_SERVER = process.env.CODE_SERVER || '/tmp/clio-e2e/code-server/bin/code-server';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const now = () => performance.now();
export const secs = (ms) => (ms / 1000).toFixed(2) + 's';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

// Fresh, throwaway dirs for one run.
export function makeRunDir(root, name) {
  const dir = path.join(root, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  for (const d of ['user-data', 'extensions', 'xdg-config', 'xdg-data', 'shots']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  // user settings: no telemetry, no update checks, no welcome/walkthrough/chat noise
  fs.mkdirSync(path.join(dir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.hover.delay': 300,
    'window.restoreWindows': 'none',
    'git.enabled': false,
    'npm.autoDetect': 'off'
  }, null, 2));
  return dir;
}

export function csEnv(runDir) {
  return {
    ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'), XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    // no marketplace: otherwise the workbench queries open-vsx.org (built-in extension auto-update) on startup
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
  };
}

export function csArgs(runDir) {
  return ['--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions')];
}

export function installVsix(runDir, vsix) {
  return execFileSync(CODE_SERVER, [...csArgs(runDir), '--install-extension', vsix], { env: csEnv(runDir), encoding: 'utf8' });
}

export async function startCodeServer(runDir, { extraArgs = [] } = {}) {
  const port = await freePort();
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...csArgs(runDir), ...extraArgs
  ];
  const log = fs.openSync(path.join(runDir, 'code-server.log'), 'a');
  const proc = spawn(CODE_SERVER, args, { env: csEnv(runDir), stdio: ['ignore', log, log], detached: true });
  const url = `http://127.0.0.1:${port}`;
  const t0 = now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited ${proc.exitCode}; see ${runDir}/code-server.log`);
    try { const r = await fetch(`${url}/healthz`); if (r.ok) break; } catch {}
    if (now() - t0 > 60000) throw new Error('code-server did not come up in 60s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    proc, port, url, readyMs: now() - t0,
    // kill the whole process group we started (code-server + its ext host / pty host children), by PID
    stop: async () => {
      const gone = () => { try { process.kill(-proc.pid, 0); return false; } catch { return true; } };
      try { process.kill(-proc.pid, 'SIGTERM'); } catch {}
      for (let i = 0; i < 50 && !gone(); i++) await new Promise((r) => setTimeout(r, 100));
      if (!gone()) { try { process.kill(-proc.pid, 'SIGKILL'); } catch {} }
    }
  };
}

export async function launchBrowser(runDir) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Debian chromium writes ~/.config/chromium/Crash Reports even with a temp profile: keep it in the run dir
    env: { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'), XDG_CACHE_HOME: path.join(runDir, 'xdg-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // hermetic: the browser resolves nothing but loopback (no DNS lookups for CDNs etc.)
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

// Where per-run folders (profiles, logs, screenshots) go.
export const RUNS_ROOT = process.env.E2E_RUNS || '/tmp/clio-e2e/runs';
