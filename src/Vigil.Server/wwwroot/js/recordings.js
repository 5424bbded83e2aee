// The recordings player: a camera's timeline (recorded segments by kind, gaps, alert markers) and
// a <video> that plays the redacted MP4 segments one after another. The timeline comes from
// GET /api/cameras/{id}/recordings (no pixels); playing asks POST /api/cameras/{id}/playback,
// which the server audits and which lets this user fetch exactly those segments for an hour.
(function () {
  'use strict';
  const players = new WeakMap();

  function pct(t, from, to) { return Math.max(0, Math.min(100, (t - from) * 100 / (to - from))); }

  async function json(response) {
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return response.json();
  }

  function Player(root, o) {
    this.root = root;
    this.camera = o.camera;
    this.from = Date.parse(o.from);
    this.to = Date.parse(o.to);
    this.video = root.querySelector('[data-player-video]');
    this.track = root.querySelector('[data-track]');
    this.playhead = root.querySelector('[data-playhead]');
    this.status = root.querySelector('[data-player-status]');
    this.segments = [];
    this.playing = null;
    this.index = -1;
    this.rate = 1;
    this.markers = [];
  }

  Player.prototype.say = function (text) { this.status.textContent = text; };

  Player.prototype.load = async function () {
    const q = `from=${encodeURIComponent(new Date(this.from).toISOString())}&to=${encodeURIComponent(new Date(this.to).toISOString())}`;
    const index = await json(await fetch(`/api/cameras/${encodeURIComponent(this.camera)}/recordings?${q}`, { headers: { Accept: 'application/json' } }));
    this.track.replaceChildren();
    for (const s of index.segments) {
      const start = Date.parse(s.start), end = Date.parse(s.end);
      const div = document.createElement('div');
      div.className = `segment ${s.kind}`;
      div.style.left = `${pct(start, this.from, this.to)}%`;
      div.style.width = `${Math.max(0.2, pct(end, this.from, this.to) - pct(start, this.from, this.to))}%`;
      div.title = `${s.kind} footage`;
      this.track.appendChild(div);
    }
    this.markers = index.alerts.map(a => ({ id: a.alertId, at: Date.parse(a.clipFrom), label: `${a.ruleId} (${a.severity})` })).sort((a, b) => a.at - b.at);
    for (const m of this.markers) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'marker';
      b.dataset.alertMarker = m.id;
      b.style.left = `${pct(m.at, this.from, this.to)}%`;
      b.title = `Alert ${m.label}: play its clip`;
      b.setAttribute('aria-label', b.title);
      b.addEventListener('click', e => { e.stopPropagation(); this.play(m.at); });
      this.track.appendChild(b);
    }
    this.say(index.segments.length === 0 ? 'Nothing recorded in this range.' : `${index.segments.length} segment(s), ${this.markers.length} alert(s).`);
  };

  Player.prototype.play = async function (at) {
    try {
      const playback = await json(await fetch(`/api/cameras/${encodeURIComponent(this.camera)}/playback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ from: new Date(at).toISOString(), to: new Date(this.to).toISOString() }),
      }));
      this.segments = playback.segments.map(s => ({ url: s.url, start: Date.parse(s.start), end: Date.parse(s.end) }));
      if (this.segments.length === 0) { this.say('Nothing recorded from that time.'); return; }
      this.open(0, Math.max(0, at - this.segments[0].start) / 1000);
    } catch (e) {
      this.say(`Cannot play: ${e.message}`);
    }
  };

  Player.prototype.open = function (i, offset) {
    this.index = i;
    const s = this.segments[i];
    const v = this.video;
    v.src = s.url;
    v.addEventListener('loadedmetadata', () => {
      if (offset > 0 && offset < v.duration) { v.currentTime = offset; }
      v.playbackRate = this.rate;
      v.play().catch(() => { /* the user paused meanwhile */ });
    }, { once: true });
    this.say(`Playing ${new Date(s.start).toLocaleTimeString()}`);
  };

  Player.prototype.now = function () {
    const s = this.segments[this.index];
    return s ? s.start + this.video.currentTime * 1000 : this.from;
  };

  Player.prototype.step = function (direction) {
    const now = this.now();
    const next = direction > 0 ? this.markers.find(m => m.at > now + 1000) : [...this.markers].reverse().find(m => m.at < now - 1000);
    if (next) { this.play(next.at); } else { this.say(direction > 0 ? 'No later alert in this range.' : 'No earlier alert in this range.'); }
  };

  Player.prototype.speed = function (rate) {
    this.rate = rate;
    this.video.playbackRate = rate;
    this.root.querySelectorAll('[data-speed]').forEach(b => b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === rate)));
  };

  Player.prototype.toggle = function () {
    if (this.index < 0) { this.play(this.markers.length > 0 ? this.markers[0].at : this.from); return; }
    if (this.video.paused) { this.video.play(); } else { this.video.pause(); }
  };

  Player.prototype.wire = function () {
    const v = this.video;
    v.addEventListener('ended', () => { if (this.index + 1 < this.segments.length) { this.open(this.index + 1, 0); } else { this.say('End of the recorded footage.'); } });
    v.addEventListener('timeupdate', () => {
      const p = pct(this.now(), this.from, this.to);
      this.playhead.style.left = `${p}%`;
      this.root.querySelector('[data-timeline]').setAttribute('aria-valuenow', String(Math.round(p)));
    });
    this.root.querySelector('[data-timeline]').addEventListener('click', e => {
      const r = this.track.getBoundingClientRect();
      this.play(this.from + (e.clientX - r.left) / r.width * (this.to - this.from));
    });
    this.root.querySelector('[data-player-toggle]').addEventListener('click', () => this.toggle());
    this.root.querySelector('[data-player-prev]').addEventListener('click', () => this.step(-1));
    this.root.querySelector('[data-player-next]').addEventListener('click', () => this.step(1));
    this.root.querySelectorAll('[data-speed]').forEach(b => b.addEventListener('click', () => this.speed(Number(b.dataset.speed))));
    this.root.addEventListener('keydown', e => {
      if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) { return; }
      const keys = { ' ': () => this.toggle(), ArrowLeft: () => this.step(-1), ArrowRight: () => this.step(1), 1: () => this.speed(1), 2: () => this.speed(2), 4: () => this.speed(4) };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });
  };

  window.vigilPlayer = {
    mount: async function (root, o) {
      let p = players.get(root);
      if (p) { p.video.pause(); }
      p = new Player(root, o);
      players.set(root, p);
      p.wire();
      p.speed(1);
      try {
        await p.load();
        if (o.at) { await p.play(Date.parse(o.at)); root.focus(); }
      } catch (e) {
        p.say(`Cannot show the recordings: ${e.message}`);
      }
    },
  };
})();
