// In-page instruments, injected as an init script into every benchmark page (plain JS read as
// text, so no TypeScript helper can leak into the page). Times are performance.now() in the
// page: from the input event's own timeStamp to the requestAnimationFrame callback in which the
// awaited DOM state is there, i.e. the frame that paints it.
(() => {
  const now = () => performance.now();
  /** Calls test() in each animation frame from now on; resolves with the frame's time once it holds. */
  const untilFrame = (test, timeout = 10000) =>
    new Promise((resolve, reject) => {
      const start = now();
      const tick = () => {
        if (test()) return resolve(now());
        if (now() - start > timeout) return reject(new Error('timed out waiting for a frame'));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  const rowState = (row) => {
    const td = document.querySelector(`td[data-check-row="${row}"]`);
    if (!td) return 'missing';
    return td.classList.contains('row-error') ? 'error' : td.classList.contains('check-ok') ? 'ok' : 'other';
  };
  const saveText = () => document.querySelector('[role="status"][aria-label="保存状态"]')?.textContent ?? '';

  /** One input event of `type` (keydown Enter, paste), caught first (window, capture phase). */
  const nextEvent = (type, filter) =>
    new Promise((resolve) => {
      const on = (e) => {
        if (!filter(e)) return;
        window.removeEventListener(type, on, true);
        resolve(e.timeStamp);
      };
      window.addEventListener(type, on, true);
    });

  window.__bench = {
    /**
     * Arm before typing a figure into a 校验 row's cell: resolves with how long after the Enter
     * keydown the row showed `want` ('ok' | 'error') in a frame, when the DOM changed, and when
     * the save indicator next said 已保存.
     */
    armEdit(row, want) {
      const result = (async () => {
        const t0 = await nextEvent('keydown', (e) => e.key === 'Enter');
        let dom = NaN;
        const cell = document.querySelector(`td[data-check-row="${row}"]`);
        const domObserver = new MutationObserver(() => { if (Number.isNaN(dom) && rowState(row) === want) dom = now(); });
        if (cell) domObserver.observe(cell, { attributes: true, childList: true, characterData: true, subtree: true });
        // Saved: the indicator leaves 已保存 for 保存中… and comes back (or was never seen leaving).
        let left = saveText() !== '已保存';
        const saved = new Promise((resolve) => {
          const status = document.querySelector('[role="status"][aria-label="保存状态"]');
          const o = new MutationObserver(() => {
            if (saveText() !== '已保存') left = true;
            else if (left) { o.disconnect(); resolve(now()); }
          });
          if (status) o.observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
          setTimeout(() => { o.disconnect(); resolve(NaN); }, 10000);
        });
        const frame = await untilFrame(() => rowState(row) === want);
        domObserver.disconnect();
        if (Number.isNaN(dom) && rowState(row) === want) dom = frame; // changed by a renderer pass we did not observe
        return { frame: frame - t0, dom: dom - t0, saved: (await saved) - t0 };
      })();
      window.__bench.pending = result;
    },

    /**
     * Arm before typing a wrong figure into `key`: resolves with how long after the Enter keydown
     * the frame showed the failing relation on the figure's row (painted in the keystroke's frame)
     * and the frame in which the localisation had marked the figure itself as the likely wrong one.
     */
    armLocalise(key) {
      window.__bench.pending = (async () => {
        const t0 = await nextEvent('keydown', (e) => e.key === 'Enter');
        const row = key.split('/')[1];
        const td = () => document.querySelector(`td[data-cell="${key}"]`);
        const relation = untilFrame(() => {
          const check = td()?.closest('tr')?.querySelector(`td[data-check-row="${row}"]`);
          return Boolean(check && check.classList.contains('row-error'));
        });
        const culprit = untilFrame(() => Boolean(td()?.classList.contains('mark-culprit')));
        return { relation: (await relation) - t0, culprit: (await culprit) - t0 };
      })();
    },

    /**
     * Arm before typing into a selected cell: resolves with how long after the keydown of `digit`
     * the frame showed it in the cell's open editor (the first keystroke opens the editor).
     */
    armOpen(digit) {
      window.__bench.opening = (async () => {
        const t0 = await nextEvent('keydown', (e) => e.key === digit);
        // A keystroke lost on a loaded machine: NaN, not a hang (the edit's own figure retries).
        const t1 = await untilFrame(() => {
          const a = document.activeElement;
          return a?.tagName === 'TEXTAREA' && a.value.startsWith(digit) && Boolean(a.closest('.handsontableInputHolder:not(.ht_editor_hidden)'));
        }, 3000).catch(() => NaN);
        return t1 - t0;
      })();
    },

    /** Arm before Ctrl+V: resolves with the time from the paste event to the frame where `row`'s 校验 cell reads `text`. */
    armPaste(row, text) {
      window.__bench.pending = (async () => {
        const t0 = await nextEvent('paste', () => true);
        const t1 = await untilFrame(() => document.querySelector(`td[data-check-row="${row}"]`)?.textContent === text);
        return t1 - t0;
      })();
    },

    /** Times paste → the frame in which at least `n` figure cells show something. */
    armPasteFilled(n) {
      window.__bench.pending = (async () => {
        const t0 = await nextEvent('paste', () => true);
        const t1 = await untilFrame(() => [...document.querySelectorAll('td[data-cell]')].filter((td) => td.textContent !== '').length >= n);
        return t1 - t0;
      })();
    },

    /** Raw IndexedDB: save one cell as ReportStore.saveCells does (read + put cell, add its history, read + put report, commit). */
    async saveLatency(reportId, key, runs) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open('nianbao-jiaoyan');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const t0 = now();
        await new Promise((resolve, reject) => {
          const tx = db.transaction(['reports', 'cells', 'history'], 'readwrite');
          const at = Date.now();
          tx.objectStore('cells').get([reportId, key]);
          tx.objectStore('cells').put({ reportId, key, raw: String(i % 10), value: i % 10, at });
          tx.objectStore('history').add({ reportId, key, raw: String(i % 10), value: i % 10, at, origin: 'typed' });
          const get = tx.objectStore('reports').get(reportId);
          get.onsuccess = () => tx.objectStore('reports').put({ ...get.result, updatedAt: at });
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        samples.push(now() - t0);
      }
      db.close();
      return samples;
    },

    /** Creates the app's first schema (storage/db.ts, version 1; the app upgrades it on open) and writes reports and cells directly. */
    async seed(reports, cells) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open('nianbao-jiaoyan', 1);
        req.onupgradeneeded = () => {
          const d = req.result;
          d.createObjectStore('reports', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
          d.createObjectStore('cells', { keyPath: ['reportId', 'key'] }).createIndex('byReport', 'reportId');
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['reports', 'cells'], 'readwrite');
        for (const r of reports) tx.objectStore('reports').put(r);
        for (const c of cells) tx.objectStore('cells').put(c);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }
  };

  // Page-load marks, from navigation start (performance.now() = 0): the first frame with a figure
  // cell that a click would reach — the first frame's (drawn before Handsontable loads, it takes
  // the click and the figures typed) or the grid's —, the first frame with the grid's own cell,
  // and the first frame with the report list's rows.
  const clickable = (selector) => () => {
    const td = document.querySelector(selector);
    if (!td) return false;
    const r = td.getBoundingClientRect();
    const hit = r.width > 0 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return Boolean(hit && td.contains(hit));
  };
  const watchLoad = () => {
    if (location.hash.startsWith('#/report/')) {
      // Said on the console too: the cold load waits for that, since waiting with a page function
      // would put Playwright's injected script (~20 ms to evaluate) into the load it measures.
      untilFrame(clickable('td[data-first-cell], td[data-cell]'), 30000).then((t) => {
        window.__benchFirstCell = t;
        console.debug(`bench:first-cell ${t}`);
      }, () => {});
      untilFrame(clickable('td[data-cell]'), 30000).then((t) => (window.__benchGridReady = t), () => {});
    } else
      untilFrame(() => document.querySelector('table[aria-label="报表列表"] tbody tr'), 60000)
        .then((t) => {
          window.__benchListReady = t;
          window.__benchListRows = document.querySelectorAll('table[aria-label="报表列表"] tbody tr').length;
        }, () => {});
  };
  if (location.pathname.endsWith('/__bench')) return; // the seeding page (a 404 on the app's origin)
  watchLoad();
})();
