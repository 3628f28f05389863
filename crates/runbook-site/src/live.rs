//! Live reload for a server that serves a rendered site (`runbook serve`):
//! the script that reloads a page when it changes, and how a page is
//! marked with the version it was served at.

/// The path the server serves [`LIVE_RELOAD_SCRIPT`] at.
pub const LIVE_RELOAD_PATH: &str = "/_runbook/live-reload.js";

/// Polls `/_runbook/version?path=PAGE` (answered by the server with the
/// page's current version) and reloads when it differs from the version
/// in the page's `<meta name="runbook-live">`.
pub const LIVE_RELOAD_SCRIPT: &str = include_str!("../assets/live-reload.js");

/// The Content-Security-Policy of every page, as in the layout template.
const POLICY: &str = "default-src 'none'; script-src 'self';";

/// Marks a rendered page as served at `version` and loads the live reload
/// script; its Content-Security-Policy gains `connect-src 'self'` so the
/// script may poll. Still no inline script. Pages without a `</head>`
/// (not ours) are returned unchanged.
pub fn with_live_reload(html: &str, version: u64) -> String {
    let Some(head_end) = html.find("</head>") else {
        return html.to_owned();
    };
    let (head, rest) = html.split_at(head_end);
    let head = head.replacen(
        POLICY,
        "default-src 'none'; script-src 'self'; connect-src 'self';",
        1,
    );
    format!(
        "{head}<meta name=\"runbook-live\" content=\"{version}\">\n<script src=\"{LIVE_RELOAD_PATH}\" defer></script>\n{rest}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_version_the_script_and_connect_src() {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'\"></head><body></body>";
        let live = with_live_reload(page, 7);
        assert!(live.contains("content=\"default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'\""), "{live}");
        assert!(live.contains("<meta name=\"runbook-live\" content=\"7\">\n<script src=\"/_runbook/live-reload.js\" defer></script>\n</head><body>"), "{live}");
        assert_eq!(with_live_reload("plain", 1), "plain");
    }

    #[test]
    fn the_layout_carries_the_policy_this_module_extends() {
        assert!(crate::template::LAYOUT.contains(POLICY));
    }
}
