//! The envelope and problem+json writers, on random Unicode in every value
//! (messages written in random pieces, targets, type bases, sub-errors), give
//! byte for byte what `serde_json` writes for the same document described by
//! plain `#[derive(Serialize)]` structs here, and the client parser reads what
//! they write back to the same values.

mod props;

use core::fmt;

use proptest::prelude::*;
use rest_error::client::BodyKind;
use rest_error::{
    ApiError, CorrelationId, ErrorBody, ErrorDetail, ErrorResponse, MessageWriter, reason_phrase,
};
use serde::Serialize;

/// A message piece: literal text, or a field value whose `Display` writes it
/// in several calls (so escaping across call boundaries is exercised).
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Field(Vec<String>),
}

struct Chunks<'a>(&'a [String]);

impl fmt::Display for Chunks<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|chunk| f.write_str(chunk))
    }
}

fn write_pieces(pieces: &[Piece], w: &mut MessageWriter<'_>) -> fmt::Result {
    for piece in pieces {
        match piece {
            Piece::Text(text) => w.text(text)?,
            Piece::Field(chunks) => w.field(&Chunks(chunks))?,
        }
    }
    Ok(())
}

fn joined(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.clone(),
            Piece::Field(chunks) => chunks.concat(),
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Detail {
    code: String,
    pieces: Vec<Piece>,
    target: String,
}

impl ErrorDetail for Detail {
    fn code(&self) -> &str {
        &self.code
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        write_pieces(&self.pieces, w)
    }
    fn target(&self) -> &str {
        &self.target
    }
}

/// An error whose every value is random; codes and links are `&'static`, so
/// they come from a list that needs every kind of escape.
#[derive(Debug, Clone)]
struct Random {
    code: &'static str,
    status: u16,
    pieces: Vec<Piece>,
    details: Vec<Detail>,
    link: Option<&'static str>,
}

impl ApiError for Random {
    fn code(&self) -> &'static str {
        self.code
    }
    fn status(&self) -> u16 {
        self.status
    }
    fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
        write_pieces(&self.pieces, w)
    }
    fn details(&self, detail: &mut dyn FnMut(&dyn ErrorDetail)) {
        for each in &self.details {
            detail(each);
        }
    }
    fn link(&self) -> Option<&'static str> {
        self.link
    }
}

const CODES: [&str; 5] = [
    "ResourceNotFound",
    "Quote\"d",
    "Back\\slash\u{1}\u{7f}",
    "Ångström€𝄞",
    "line\nbreak\t\u{2028}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\\u{0}-\u{1f}\u{7f}\u{80}-\u{a0}\u{2028}\u{2029}a-z é🎉]{0,24}",
    ]
}

fn pieces() -> impl Strategy<Value = Vec<Piece>> {
    let piece = prop_oneof![
        text().prop_map(Piece::Text),
        proptest::collection::vec(text(), 0..4).prop_map(Piece::Field),
    ];
    proptest::collection::vec(piece, 0..5)
}

fn random_error() -> impl Strategy<Value = Random> {
    let detail = (proptest::sample::select(&CODES[..]), pieces(), text()).prop_map(
        |(code, pieces, target)| Detail {
            code: code.to_owned(),
            pieces,
            target,
        },
    );
    (
        proptest::sample::select(&CODES[..]),
        prop_oneof![400..600u16, any::<u16>()],
        pieces(),
        proptest::collection::vec(detail, 0..3),
        proptest::option::weighted(0.2, Just("https://errors.example.com/é\"x\"")),
    )
        .prop_map(|(code, status, pieces, details, link)| Random {
            code,
            status,
            pieces,
            details,
            link,
        })
}

fn target() -> impl Strategy<Value = CorrelationId> {
    "[!-~]{1,128}".prop_map(|id| CorrelationId::parse(&id).unwrap())
}

// The documents as plain data, written by serde_json alone.

#[derive(Serialize)]
struct RefEnvelope<'a> {
    error: RefError<'a>,
}

#[derive(Serialize)]
struct RefError<'a> {
    code: &'a str,
    message: String,
    target: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<RefDetail<'a>>,
}

#[derive(Serialize)]
struct RefDetail<'a> {
    code: &'a str,
    message: String,
    target: &'a str,
}

#[derive(Serialize)]
struct RefProblem<'a> {
    #[serde(rename = "type")]
    type_uri: String,
    title: &'a str,
    status: u16,
    detail: String,
    code: &'a str,
    target: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<RefDetail<'a>>,
}

fn ref_details(error: &Random) -> Vec<RefDetail<'_>> {
    error
        .details
        .iter()
        .map(|detail| RefDetail {
            code: &detail.code,
            message: joined(&detail.pieces),
            target: &detail.target,
        })
        .collect()
}

/// What the client parser should read back.
fn read_back(error: &Random, message: String, target: &str) -> ErrorBody {
    ErrorBody {
        code: error.code.to_owned(),
        message,
        target: Some(target.to_owned()),
        details: error
            .details
            .iter()
            .map(|detail| ErrorBody {
                code: detail.code.clone(),
                message: joined(&detail.pieces),
                target: Some(detail.target.clone()),
                details: Vec::new(),
                innererror: None,
            })
            .collect(),
        innererror: None,
    }
}

proptest! {
    #![proptest_config(props::config(3000))]

    #[test]
    fn the_envelope_is_what_serde_json_writes(error in random_error(), target in target()) {
        let envelope = error.envelope_with_target(target.clone());
        let mut written = Vec::new();
        envelope.write_json(&mut written);
        let expected = serde_json::to_vec(&RefEnvelope {
            error: RefError {
                code: error.code,
                message: joined(&error.pieces),
                target: target.as_str(),
                details: ref_details(&error),
            },
        })
        .unwrap();
        prop_assert_eq!(&written, &expected);
        // The crate's own Serialize impl agrees, and so does to_json.
        prop_assert_eq!(&serde_json::to_vec(&envelope).unwrap(), &expected);
        prop_assert_eq!(envelope.to_json().into_bytes(), expected.clone());

        // The client reads it back, alone and as a whole response.
        let body = read_back(&error, joined(&error.pieces), target.as_str());
        let parsed = ErrorResponse::from_slice(&written);
        prop_assert_eq!(parsed.map(|r| r.error), Ok(body.clone()));
        let received = ErrorResponse::from_parts(error.status, [("x-request-id", "other")], &written);
        prop_assert_eq!(received.status, error.status);
        prop_assert_eq!(received.body, BodyKind::Envelope);
        prop_assert_eq!(received.error, body);
    }

    #[test]
    fn problem_json_is_what_serde_json_writes(
        error in random_error(),
        target in target(),
        base in proptest::option::of(text()),
    ) {
        let problem = error.problem_with_target(target.clone());
        let problem = match &base {
            Some(base) => problem.with_type_base(base),
            None => problem,
        };
        let mut written = Vec::new();
        problem.write_json(&mut written);

        let status = if (400..=599).contains(&error.status) { error.status } else { 500 };
        let title = reason_phrase(status).unwrap_or(if status < 500 { "Client Error" } else { "Server Error" });
        let type_uri = match (error.link, &base) {
            (Some(link), _) => link.to_owned(),
            (None, Some(base)) if base.ends_with(|c: char| c.is_ascii_alphanumeric()) => {
                format!("{base}/{}", error.code)
            }
            (None, Some(base)) => format!("{base}{}", error.code),
            (None, None) => "about:blank".to_owned(),
        };
        let expected = serde_json::to_vec(&RefProblem {
            type_uri,
            title,
            status,
            detail: joined(&error.pieces),
            code: error.code,
            target: target.as_str(),
            details: ref_details(&error),
        })
        .unwrap();
        prop_assert_eq!(&written, &expected);
        prop_assert_eq!(&serde_json::to_vec(&problem).unwrap(), &expected);
        prop_assert_eq!(problem.to_json().into_bytes(), expected.clone());

        let body = read_back(&error, joined(&error.pieces), target.as_str());
        prop_assert_eq!(ErrorResponse::from_slice(&written).map(|r| r.error), Ok(body.clone()));
        let received = ErrorResponse::from_parts(status, [("x-request-id", "other")], &written);
        prop_assert_eq!(received.body, BodyKind::Problem);
        prop_assert_eq!(received.error, body);
    }
}
