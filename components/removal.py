"""Removing a release an analyst loaded, and putting a removed one back, on the Load data page.

Which files, what removing one would change, and doing it are `loaders.intake.removal`'s; this module only asks and shows.
Each preview is kept for the session until confirmed; a confirm made stale by another session's change shows the
fresh preview it returns instead of doing anything.
"""

from __future__ import annotations

import streamlit as st

from components.preview import STALE_WORDS, show_counts, show_nothing, show_preview, show_refusals
from insight.text import md
from loaders.intake import removal
from loaders.paths import DEFAULT, DataPaths

PREVIEW, DONE, STALE = "removal_preview", "removal_done", "removal_stale"  # this session's, across reruns
REMOVE = "Remove it from the tables"
RESTORE = "Put it back"


def remove_or_restore(who: str, paths: DataPaths = DEFAULT) -> None:
    """The releases analysts added that can be removed, and the removed ones that can be put back."""
    _show_done()
    st.subheader("Remove a release")
    loaded = removal.removable(paths)
    if not loaded:
        st.caption(
            "No release has been added to data/incoming/. The releases shipped with the project and the strategy's "
            "own sources cannot be removed here."
        )
    else:
        chosen = st.selectbox(
            "A release added to data/incoming/",
            loaded,
            index=None,
            placeholder="Choose a release to remove",
            help="Only releases loaded here or copied into data/incoming/; the shipped ones stay.",
            key="release_to_remove",  # the choice stays when another session changes the list
        )
        if chosen:
            _review_removal(chosen, who, paths)
    kept = removal.kept(paths)
    if kept:
        _restore(kept, who, paths)


def _kept_preview(kind: str, name: str, work_out):
    """This session's preview of `kind` for `name`, worked out once (a confirm's stale result replaces it)."""
    kept = st.session_state.get(PREVIEW)
    if kept is None or kept[:2] != (kind, name):
        with st.spinner("Working out what it would change…"):
            kept = (kind, name, work_out())
        st.session_state[PREVIEW] = kept
    return kept[2]


def _review_removal(stored: str, who: str, paths: DataPaths) -> None:
    preview = _kept_preview("remove", stored, lambda: removal.preview_removal(stored, paths))
    if st.session_state.pop(STALE, None):
        st.warning(STALE_WORDS, icon=":material/update:")
    if not preview.ok:
        show_refusals(stored, preview.refusals)
        return
    show_removal(preview)
    if st.button(REMOVE, type="primary", icon=":material/delete:"):
        with st.spinner("Taking the file out and rebuilding the tables…"):
            done = removal.remove(stored, paths, who=who, against=preview.build)
        _after_confirm(done, done.stale)


def show_removal(preview: removal.RemovalPreview) -> None:
    """The counts and every figure that would disappear or come back, before anything does."""
    counts = [
        ("Figures removed", preview.removed, "Only this file gives them: the tables would no longer have them."),
        (
            "Older figures back",
            preview.returned,
            "Figures this file gave that another, older file also gives: the older file's come back.",
        ),
        ("Of those, another value", preview.returned_changed, "The older figure differs from this file's."),
    ]
    show_counts(counts)
    if preview.returned_from:
        st.markdown(f"**Figures come back from**: {', '.join(md(name) for name in preview.returned_from)}")
    if preview.replaced:
        st.caption(f"{preview.replaced:,} other figures change with it; they are listed below.")
    if len(preview.changes):
        st.dataframe(preview.changes.drop(columns="key"), hide_index=True, width="stretch")
    st.caption("The file is kept under data/removed/, never deleted, so it can be put back here.")


def _restore(kept: list[removal.Kept], who: str, paths: DataPaths) -> None:
    st.subheader("Put a removed release back")
    labels = {f"{k.name} (removed {k.removed_at.replace('T', ' ').removesuffix('Z')} UTC)": k.path for k in kept}
    chosen = st.selectbox(
        "A removed release",
        list(labels),
        index=None,
        placeholder="Choose a release to put back",
        key="release_to_restore",  # the choice stays when another session changes the list
    )
    if not chosen:
        return
    path = labels[chosen]
    preview = _kept_preview("restore", path, lambda: removal.preview_restore(path, paths))
    if st.session_state.pop(STALE, None):
        st.warning(STALE_WORDS, icon=":material/update:")
    if preview.refusals:
        show_refusals(preview.name, preview.refusals)
    elif preview.nothing:
        show_nothing(preview.name, preview.nothing)
    else:
        show_preview(preview)
        if st.button(RESTORE, type="primary", icon=":material/restore:"):
            with st.spinner("Putting the file back and rebuilding the tables…"):
                done = removal.restore(path, paths, who=who, against=preview.build)
            _after_confirm(done, done.stale)


def _after_confirm(done, stale) -> None:
    """Keep a stale confirm's fresh preview to show, or what was done, across the rerun."""
    if stale is not None:
        kind, name, _ = st.session_state[PREVIEW]
        st.session_state[PREVIEW] = (kind, name, stale)
        st.session_state[STALE] = True
    else:
        st.session_state.pop(PREVIEW, None)
        st.session_state[DONE] = done
    st.rerun()


def _show_done() -> None:
    """What the last removal or restore did, once."""
    done = st.session_state.pop(DONE, None)
    if done is None:
        return
    if isinstance(done, removal.Removed):
        if done.ok:
            st.success(
                f"**{md(done.stored)}** is removed from the tables and kept as `{done.kept}`: "
                f"{done.effect.removed:,} figures removed, {done.effect.returned:,} older figures back.",
                icon=":material/check_circle:",
            )
        else:
            show_refusals(done.stored, done.refusals)
    elif done.ok:
        st.success(f"**{md(done.name)}** is back, as `{done.stored}`.", icon=":material/check_circle:")
    elif done.nothing:
        show_nothing(done.name, done.nothing, after_confirming=True)
    else:
        show_refusals(done.name, done.refusals)
