//! The client parser never panics, whatever the bytes: random bytes, random
//! JSON-ish text, and real error documents cut, spliced and corrupted at
//! random. Whatever it accepts is an error document with the values that are
//! in the body, and a whole response always gives a `ReceivedError`.

mod props;

use proptest::prelude::*;
use rest_error::ErrorResponse;
use rest_error::client::BodyKind;

/// Documents like the ones servers send, to corrupt.
const DOCUMENTS: [&str; 4] = [
    r#"{"error":{"code":"ResourceNotFound","message":"Machine 1 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#,
    r#"{"error":{"code":"InvalidInput","message":"2 fields are invalid","target":"t","details":[{"code":"InvalidInput","message":"Must not be empty","target":"name"},{"code":"X","message":"é\n\u0000","target":"a[1]"}],"innererror":{"trace":[1,2,{"a":null}]}}}"#,
    r#"{"type":"https://errors.example.com/OutOfCredit","title":"Forbidden","status":403,"detail":"Your balance is 30","code":"OutOfCredit","target":"req-7","instance":"/account/1"}"#,
    "\u{feff}{\"title\":\"Not Found\",\"status\":404}",
];

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Truncate(usize),
}

fn edited() -> impl Strategy<Value = Vec<u8>> {
    let edit = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Flip(at, byte)),
        (
            any::<usize>(),
            prop_oneof![
                proptest::sample::select(vec![
                    &b"{"[..],
                    b"}",
                    b"[",
                    b"]",
                    b"\"",
                    b"\\",
                    b",",
                    b":",
                    b"null",
                    b"1e999",
                    b"-0",
                    b"\"error\":",
                    b"\"details\":[",
                    b"\\u",
                    b"\\ud800",
                    b"\xff",
                    b"\xc3",
                ])
                .prop_map(<[u8]>::to_vec),
                proptest::collection::vec(any::<u8>(), 0..8),
            ]
        )
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 0..16usize).prop_map(|(at, len)| Edit::Remove(at, len)),
        any::<usize>().prop_map(Edit::Truncate),
    ];
    (
        proptest::sample::select(&DOCUMENTS[..]),
        proptest::collection::vec(edit, 1..6),
    )
        .prop_map(|(document, edits)| {
            let mut bytes = document.as_bytes().to_vec();
            for edit in edits {
                let len = bytes.len() + 1;
                match edit {
                    Edit::Flip(at, byte) if !bytes.is_empty() => {
                        let at = at % bytes.len();
                        bytes[at] = byte;
                    }
                    Edit::Flip(..) => {}
                    Edit::Insert(at, more) => {
                        let at = at % len;
                        bytes.splice(at..at, more);
                    }
                    Edit::Remove(at, count) => {
                        let at = at % len;
                        let end = (at + count).min(bytes.len());
                        bytes.drain(at.min(end)..end);
                    }
                    Edit::Truncate(at) => bytes.truncate(at % len),
                }
            }
            bytes
        })
}

fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => edited(),
        1 => proptest::collection::vec(any::<u8>(), 0..512),
        1 => r#"[\[\]{}",:\\ a-z0-9.eE+-]{0,200}"#.prop_map(String::into_bytes),
        // Deep nesting around the limit.
        1 => (0..80usize, prop_oneof![Just("["), Just("{\"error\":")]).prop_map(|(depth, open)| {
            let close = if open == "[" { "]" } else { "}" };
            format!("{}1{}", open.repeat(depth), close.repeat(depth)).into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(props::config(4000))]

    #[test]
    fn the_parser_never_panics_and_reads_only_what_is_there(body in any_body()) {
        if let Ok(response) = ErrorResponse::from_slice(&body) {
            // What it read is in the body (as JSON text, escapes resolved).
            let value: serde_json::Value = serde_json::from_slice(
                body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&body),
            )
            .unwrap();
            let text = value.to_string();
            for part in [&response.error.code, &response.error.message] {
                let quoted = serde_json::to_string(part).unwrap();
                prop_assert!(
                    text.contains(&quoted) || part.is_empty() || value.get("error").is_none(),
                    "{:?} not in {}", part, text
                );
            }
        }
    }

    #[test]
    fn a_whole_response_always_reads(
        status in any::<u16>(),
        headers in proptest::collection::vec(
            (
                prop_oneof![Just(b"x-ms-error-code".to_vec()), Just(b"X-Request-Id".to_vec()), proptest::collection::vec(any::<u8>(), 0..12)],
                proptest::collection::vec(any::<u8>(), 0..140),
            ),
            0..4,
        ),
        body in any_body(),
    ) {
        let received = ErrorResponse::from_parts(status, headers, &body);
        prop_assert_eq!(received.status, status);
        // The one-line Display is capped and has no line breaks, whatever came in.
        let line = received.to_string();
        prop_assert!(!line.contains(['\n', '\r']), "{:?}", line);
        if let BodyKind::NotAnErrorDocument { raw, .. } = &received.body {
            prop_assert!(raw.len() <= ErrorResponse::MAX_RAW_BODY_BYTES);
            prop_assert!(ErrorResponse::from_slice(&body).is_err());
        }
    }
}
