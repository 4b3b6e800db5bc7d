//! The client side: parsing error envelopes that a server sent.
