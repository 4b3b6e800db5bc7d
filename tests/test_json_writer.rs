//! The direct JSON writer (`Envelope::write_json`) and the serde path give the
//! same bytes, whatever the field values and template text hold.

use proptest::prelude::*;
use rest_error::{ApiError, CorrelationId};

#[derive(ApiError)]
#[api(status = 400)]
enum Texts {
    #[api(msg = "Value <0> \"quoted\" \\ back\tslash\nnew <<line> \u{1}\u{1f} é 🎉")]
    Escapes(String),
    #[api(msg = "<0><1>")]
    Two(String, char),
    Plain,
    #[api(msg = "<0>")]
    Number(i64),
}

fn both(err: &dyn ApiError, target: &CorrelationId) -> (Vec<u8>, Vec<u8>) {
    let envelope = err.envelope_with_target(target.clone());
    let mut direct = Vec::new();
    envelope.write_json(&mut direct);
    let serde = serde_json::to_vec(&envelope).unwrap_or_default();
    (direct, serde)
}

#[test]
fn template_escapes_match() {
    let target = CorrelationId::parse("a\"b\\c").unwrap();
    for err in [Texts::Escapes("x".into()), Texts::Plain, Texts::Number(-5)] {
        let (direct, serde) = both(&err, &target);
        assert_eq!(
            String::from_utf8_lossy(&direct),
            String::from_utf8_lossy(&serde)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn field_values_match(value in any::<String>(), c in any::<char>(), id in "[!-~]{1,128}") {
        let target = CorrelationId::parse(&id).unwrap();
        for err in [Texts::Escapes(value.clone()), Texts::Two(value.clone(), c)] {
            let (direct, serde) = both(&err, &target);
            prop_assert_eq!(&direct, &serde);
            let parsed: serde_json::Value = serde_json::from_slice(&direct).unwrap();
            let message = err.message().to_string();
            prop_assert_eq!(parsed["error"]["message"].as_str(), Some(message.as_str()));
            prop_assert_eq!(parsed["error"]["target"].as_str(), Some(id.as_str()));
        }
    }
}
