import { notice } from '../views/components';
import { html, type Html } from '../views/html';
import { barePage } from '../views/layout';

export interface SignInView {
  csrf: string;
  next: string;
  problem?: string;
  signedOut?: boolean;
  /** Plain http to a non-loopback host: the browser will not keep a Secure cookie. */
  insecure?: boolean;
}

export function signInPage(view: SignInView): Html {
  return barePage('Sign in', html`<div class="sign-in">
<h1>Herald console</h1>
${view.signedOut ? notice('info', 'You are signed out.') : ''}
${view.problem ? notice('error', view.problem) : ''}
${view.insecure ? notice('info', 'This page came over plain http to a network address: browsers keep the session cookie only over https. Put Herald behind TLS, or open it on 127.0.0.1.') : ''}
<form method="post" action="/console/sign-in" class="stack">
<input type="hidden" name="_csrf" value="${view.csrf}">
<input type="hidden" name="next" value="${view.next}">
<div class="field">
<label for="admin-key">Admin API key</label>
<input id="admin-key" name="key" type="password" autocomplete="current-password" required autofocus aria-describedby="admin-key-hint">
<p class="hint" id="admin-key-hint">The <code>ADMIN_API_KEY</code> Herald was started with.</p>
</div>
<button type="submit" class="btn btn-primary">Sign in</button>
</form>
</div>`);
}
