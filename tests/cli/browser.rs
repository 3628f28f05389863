//! A headless Chromium driven over the `DevTools` protocol, for the tests that
//! must act on a page (click, type, reload) and watch it change. Every wait
//! polls with a deadline; nothing sleeps a fixed time.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// Where the browser is installed (Debian's package).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// How long any single wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// One browser with one page.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
}

impl Browser {
    /// Starts Chromium with its profile in `profile` (reusing a profile keeps
    /// its localStorage) and opens a blank page.
    pub fn launch(profile: &Path) -> Self {
        assert!(
            Path::new(CHROMIUM).is_file(),
            "{CHROMIUM} is missing: install it (`apt-get install -y chromium`) to run the browser tests"
        );
        let mut child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Chromium prints the `DevTools` address on stderr once it listens.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = rx.recv_timeout(DEADLINE).expect("chromium starts");
        let address = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap()
            .to_owned();
        let stream = TcpStream::connect(&address).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let (socket, _) = tungstenite::client(url.as_str(), stream).unwrap();
        let mut browser = Self {
            child,
            socket,
            session: String::new(),
            next_id: 0,
        };
        let target = browser.call_browser("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_owned();
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        attached["sessionId"]
            .as_str()
            .unwrap()
            .clone_into(&mut browser.session);
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        browser
    }

    fn send(&mut self, method: &str, params: &Value, session: Option<&str>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::Text(message.to_string().into()))
            .unwrap();
        loop {
            let reply = self.socket.read().expect("the browser answers");
            let Message::Text(text) = reply else { continue };
            let value: Value = serde_json::from_str(text.as_str()).unwrap();
            if value["id"] == json!(id) {
                assert!(
                    value.get("error").is_none(),
                    "{method} failed: {}",
                    value["error"]
                );
                return value["result"].clone();
            }
        }
    }

    #[expect(
        clippy::needless_pass_by_value,
        reason = "callers build parameters in place with json!"
    )]
    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, &params, None)
    }

    /// Calls a `DevTools` method on the page.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "callers build parameters in place with json!"
    )]
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, &params, Some(&session))
    }

    /// Evaluates a JavaScript expression in the page (promises are awaited)
    /// and returns its value; a thrown exception fails the test.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Polls `expression` until it is truthy; returns its value.
    pub fn wait_for(&mut self, expression: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(&format!(
                "(function () {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()"
            ));
            let truthy = !matches!(value, Value::Null | Value::Bool(false))
                && value != json!(0)
                && value != json!("");
            if truthy {
                return value;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "timed out waiting for {expression}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens `url` and waits until it has loaded and `site.js` has run.
    pub fn open(&mut self, url: &str) {
        self.eval("window.__opened = false");
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for(&format!(
            "document.readyState === 'complete' && window.__opened === undefined && location.href.indexOf({}) === 0",
            json!(url.split(['?', '#']).next().unwrap_or(url))
        ));
    }

    /// Closes the browser cleanly, so its profile (localStorage) is saved.
    pub fn close(mut self) {
        self.next_id += 1;
        let message = json!({ "id": self.next_id, "method": "Browser.close", "params": {} });
        let _ = self.socket.send(Message::Text(message.to_string().into()));
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("chromium did not close");
    }

    /// Types text into the focused element, as a keyboard would.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Presses one printable key on the page, as a keyboard would: the
    /// key's text is typed unless a `keydown` handler prevents it.
    pub fn press(&mut self, key: &str) {
        self.call(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyDown", "key": key, "text": key }),
        );
        self.call(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key }),
        );
    }

    /// Reloads the page and waits for it.
    pub fn reload(&mut self) {
        self.eval("window.__reloaded = true");
        self.call("Page.reload", json!({}));
        self.wait_for("document.readyState === 'complete' && window.__reloaded === undefined");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
