//! Every HTTP scenario of `tests/support/scenarios/`, run against a real axum
//! server and a real actix-web server on 127.0.0.1, through a real HTTP client
//! (hyper's HTTP/1.1 client, plus raw TCP where a client would refuse the bytes).
//! What only one framework does is tested in `test_axum.rs` / `test_actix.rs`.
#![cfg(any(feature = "axum", feature = "actix-web"))]
// Both example services are compiled in, each with its own copy of
// examples/shared/inventory.rs, as each is a program of its own.
#![allow(clippy::duplicate_mod)]
// The generated impls must not trip these in a user crate.
#![deny(unused_lifetimes, single_use_lifetimes, unused_qualifications)]

mod support;

// The scenarios, where `on_every_framework!` calls them.
use support::scenarios::*;

support::on_every_framework! {
    // The example service.
    service_success_paths_echo_a_fresh_id,
    service_error_paths,
    a_valid_machine_is_created,
    invalid_fields_are_answered_together_in_details,
    invalid_fields_in_problem_json_carry_the_same_details,
    a_machine_body_of_the_wrong_shape_is_a_body_error,
    // Correlation ids.
    a_valid_incoming_id_is_the_target_and_is_echoed,
    without_an_incoming_id_each_response_gets_a_fresh_uuid,
    an_invalid_incoming_id_is_replaced_and_never_echoed,
    traceparent_is_the_fallback,
    the_layer_is_configurable,
    without_the_layer_each_error_gets_a_fresh_id,
    handlers_see_the_request_id,
    // Logging and redaction.
    a_5xx_cause_is_logged_under_the_target_and_never_answered,
    a_4xx_is_logged_at_debug_without_detail,
    types_without_debug_and_generic_types_answer_too,
    a_response_that_fails_to_serialize_is_a_500_envelope,
    // The Json extractor.
    json_extractor_cases,
    json_extractor_paths_and_unknown_fields,
    a_body_over_the_limit_is_an_envelope_and_is_not_read_to_the_end,
    // Fallbacks, parameters and remapped rejections.
    an_unknown_path_is_a_404_envelope,
    a_wrong_method_is_a_405_envelope_with_allow,
    path_and_query_failures_name_the_parameter,
    a_service_remaps_the_body_extractors_answers,
    // Panics (issue 10).
    a_panic_is_a_500_with_the_target_and_the_server_keeps_serving,
    a_panic_message_is_logged_escaped_and_capped,
    panics_are_not_caught_when_turned_off,
    // Trusting incoming ids, nested layers (issue 10).
    an_untrusted_incoming_id_is_echoed_apart_and_the_target_is_fresh,
    traceparent_can_be_ignored,
    nested_layers_agree_on_the_id,
    // Where the request's context does not reach (issue 10).
    a_header_whose_value_fails_to_format_is_dropped_and_named,
    a_spawned_task_answers_with_the_id_it_is_given,
    // Hardening: bounded echoes, clean log lines.
    client_text_in_a_message_is_capped_and_cleaned,
    log_lines_stay_single_escaped_and_bounded,
    // Under load.
    a_thousand_concurrent_failures_each_get_their_own_target,
}
