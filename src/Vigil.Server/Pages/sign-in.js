// The sign-in form: served as a file, so the page runs under a Content-Security-Policy without inline script.
document.getElementById('form').addEventListener('submit', async e => {
  e.preventDefault();
  const error = document.getElementById('error');
  error.textContent = '';
  const r = await fetch('/auth/sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      userName: document.getElementById('user').value,
      password: document.getElementById('password').value,
      returnUrl: new URLSearchParams(location.search).get('ReturnUrl')
    })
  });
  if (r.ok) {
    // The server says where to go: the return URL only when it is a path on this server.
    const signedIn = await r.json();
    location.href = new URL(signedIn.next, location.origin).origin === location.origin ? signedIn.next : '/';
  } else {
    const p = await r.json().catch(() => ({}));
    error.textContent = p.detail || ('Sign-in failed (' + r.status + ')');
  }
});
