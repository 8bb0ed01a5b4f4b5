"""Loading a release from the dashboard: who may, the file, what loading it would change, and the confirmation.

Reading, checking and adding the file is `loaders.intake.upload`'s (the build's own rules and messages); this module
only asks and shows. Uploading is off unless the server is set up for it (README, "Loading a release from the
dashboard"): people sign in (`st.login` with an OIDC provider under `[auth]` in `.streamlit/secrets.toml`) or
give the `upload_token` set there. Without either nobody can change the data from a browser.
"""

from __future__ import annotations

import hashlib
import hmac
import traceback
from collections.abc import Mapping

import streamlit as st

from components import audit, removal
from components.preview import STALE_WORDS, show_nothing, show_preview, show_refusals
from insight.text import md
from loaders import log
from loaders.intake import upload
from loaders.paths import DEFAULT, DataPaths

PREVIEW, APPLIED, ROUND, STALE = "upload_preview", "upload_applied", "upload_round", "upload_stale"

HOW_TO_ENABLE = (
    "**Uploading is off on this server**, so nobody can change the data from here. To turn it on, whoever runs "
    "the server adds one of these to `.streamlit/secrets.toml` (next to `config.toml`) and restarts it:\n\n"
    '- a shared token: `upload_token = "a long random phrase"`; people type it here before they can upload;\n'
    "- or signing in: an `[auth]` section naming an OpenID Connect provider (Microsoft Entra ID, Google, Okta…) "
    "with `redirect_uri`, `cookie_secret`, `client_id`, `client_secret` and `server_metadata_url`; people then "
    "sign in here. `upload_emails = [...]` limits uploading to those addresses.\n\n"
    "The README's section *Loading a release from the dashboard* has an example. Without the dashboard, copy the "
    "file into `data/incoming/` on the server and run `python -m loaders`."
)


# ---- who may upload ------------------------------------------------------------------------------------------


def may_upload() -> bool:
    """Whether this person may change the data. Asks them to sign in or give the token, or says how to turn
    uploading on when the server has neither."""
    auth, token = _secret("auth"), _secret("upload_token")
    if not auth and not token:
        st.info(HOW_TO_ENABLE, icon=":material/lock:")
        return False
    if auth and _signed_in():
        return _allowed_by_email()
    if token:
        entered = st.text_input(
            "Upload token",
            type="password",
            help="Set by whoever runs this server, as upload_token in .streamlit/secrets.toml.",
        )
        if entered and hmac.compare_digest(entered.encode(), str(token).encode()):
            return True
        if entered:
            st.error("That token is not the one set on this server, so uploading stays off. Check it and try again.")
    if auth:
        st.button("Sign in to load data", icon=":material/login:", on_click=st.login, args=_provider(auth))
    return False


def _secret(name: str):
    """A setting of .streamlit/secrets.toml, or None (also when there is no such file at all)."""
    try:
        return st.secrets.get(name)
    except FileNotFoundError:  # no secrets file, or one that cannot be read: Streamlit's error derives from it
        return None


def _signed_in() -> bool:
    return bool(st.user.get("is_logged_in"))


def _allowed_by_email() -> bool:
    """A signed-in person may upload unless `upload_emails` is set and does not list their address."""
    email = st.user.get("email") or ""
    allowed = _secret("upload_emails")
    allowed = [allowed] if isinstance(allowed, str) else allowed  # one address written without a list
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(f"Signed in as {md(email or st.user.get('name') or 'an unnamed account')}.")
    right.button("Sign out", on_click=st.logout)
    if allowed and email.lower() not in {a.lower() for a in allowed}:
        st.warning("This account may not load data on this server; ask whoever runs it to add your address.")
        return False
    return True


def who() -> str:
    """Who is changing the data, for the audit record: the signed-in address, else the upload token's label
    (`upload_token_label` in secrets.toml; a shared token names nobody in particular)."""
    if _secret("auth") and _signed_in():
        return st.user.get("email") or st.user.get("name") or "an unnamed account"
    return str(_secret("upload_token_label") or "the shared upload token")


def _provider(auth: Mapping) -> tuple[str, ...]:
    """st.login's argument: none for one provider set directly under [auth], else the first [auth.<name>]."""
    if "client_id" in auth:
        return ()
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return tuple(named[:1])


# ---- the file and what it would change -------------------------------------------------------------------------


def load_data(paths: DataPaths = DEFAULT) -> None:
    """The page's body: access first, then the uploader, the preview and the confirmation. Any unexpected problem
    is a readable message here and a traceback in the server's log, never a traceback on the page."""
    try:
        if not may_upload():
            return
        _show_applied()
        st.session_state.setdefault(ROUND, 0)
        file = st.file_uploader(
            f"A published release, as CSV (up to {upload.MAX_MEGABYTES:,} MB)",
            type="csv",
            key=f"upload_file_{st.session_state[ROUND]}",
            help="An OHID Fingertips data export, a DfE Explore Education Statistics CSV or an ONS Census 2021 "
            "custom dataset, as downloaded from its publisher.",
        )
        if file is not None:
            review(file.name, file.getvalue(), paths)
        removal.remove_or_restore(who(), paths)
        audit.show_audit(paths)
    except Exception as exc:  # the page must never show a traceback
        log.event("upload_failed", error=type(exc).__name__, message=str(exc), traceback=traceback.format_exc())
        st.error(
            f"Sorry, something went wrong and nothing was loaded ({type(exc).__name__}: {md(exc)}). The tables are as "
            "they were. The server's log has the details."
        )


def review(name: str, data: bytes, paths: DataPaths = DEFAULT) -> None:
    """What loading `data` would do (worked out once per file and kept for this session), then the button that
    loads it."""
    digest = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get(PREVIEW)
    if kept is None or kept[0] != digest:
        with st.spinner("Checking the file and working out what it would change…"):
            kept = (digest, upload.preview(name, data, paths))
        st.session_state[PREVIEW] = kept
    preview = kept[1]
    if st.session_state.pop(STALE, None):
        st.warning(STALE_WORDS, icon=":material/update:")
    if preview.refusals:
        show_refusals(preview.name, preview.refusals)
    elif preview.nothing:
        if preview.format:  # worked out by a scratch build: its counts say what became of the figures
            show_preview(preview)
        show_nothing(preview.name, preview.nothing)
    else:
        show_preview(preview)
        if st.button("Add these figures to the tables", type="primary", icon=":material/upload:"):
            with st.spinner("Adding the file and rebuilding the tables…"):
                applied = upload.apply(name, data, paths, who=who(), against=preview.build)
            if applied.stale is not None:  # another session changed the tables: show what it would do now
                st.session_state[PREVIEW], st.session_state[STALE] = (digest, applied.stale), True
                st.rerun()
            st.session_state[APPLIED] = applied
            st.session_state.pop(PREVIEW, None)
            st.session_state[ROUND] += 1  # a new, empty uploader: the preview is done with
            st.rerun()


def _show_applied() -> None:
    """What the last confirmation did, once (it was kept across the rerun that emptied the uploader)."""
    applied = st.session_state.pop(APPLIED, None)
    if applied is None:
        return
    if applied.ok:
        st.success(
            f"**{md(applied.name)}** is loaded, as `{applied.stored}`. Every page shows its figures now; a page "
            "already open elsewhere shows them when it is next used or refreshed.",
            icon=":material/check_circle:",
        )
        st.caption(md(applied.message))
    elif applied.nothing:
        show_nothing(applied.name, applied.nothing, after_confirming=True)
    else:
        show_refusals(applied.name, applied.refusals)
