//! Writing an error's message: into a formatter (`Display`) or straight into a JSON
//! string, escaped as it goes. The derive feeds both from one generated writer.

use core::fmt::{self, Display, Write as _};

use crate::ApiError;

/// The public message of an [`ApiError`], from [`ApiError::message`].
///
/// Its `Display` writes the message piece by piece into the formatter, without an
/// intermediate `String`. If a field's own `Display` fails, that field is cut off and
/// the rest of the message is still written; only a failure of the output itself is
/// passed on.
#[derive(Clone, Copy)]
pub struct Message<'a>(pub(crate) &'a dyn ApiError);

impl Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lenient(f, |w| self.0.write_message(w))
    }
}

/// Runs a message writer against `out` and reports only failures of `out`.
///
/// A message whose own code fails (a field's `Display` returning `Err`) is cut off
/// there. Passing that error on would make `serde_json` panic in `collect_str`
/// ("there should be an error") and `to_string` panic, for a mistake that is not
/// the output's; an API error response must still go out.
pub(crate) fn write_lenient(
    out: &mut dyn fmt::Write,
    write: impl FnOnce(&mut MessageWriter<'_>) -> fmt::Result,
) -> fmt::Result {
    let mut writer = MessageWriter::new(Out::Fmt(out));
    let _ = write(&mut writer);
    if writer.output_failed {
        Err(fmt::Error)
    } else {
        Ok(())
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Quoted like a string, without building one.
        f.write_char('"')?;
        write!(DebugEscape(f), "{self}")?;
        f.write_char('"')
    }
}

/// Where an error writes its message: text and field values, in order.
///
/// Derived impls write through it; a hand-written [`ApiError::write_message`] calls
/// [`text`](Self::text) and [`field`](Self::field).
///
/// ```
/// use rest_error::{ApiError, MessageWriter};
/// use core::fmt;
///
/// struct MachineNotFound(u64);
///
/// impl ApiError for MachineNotFound {
///     fn code(&self) -> &'static str { "ResourceNotFound" }
///     fn status(&self) -> u16 { 404 }
///     fn write_message(&self, w: &mut MessageWriter<'_>) -> fmt::Result {
///         w.text("Machine ")?;
///         w.field(&self.0)?;
///         w.text(" was not found")
///     }
/// }
///
/// assert_eq!(MachineNotFound(7).message().to_string(), "Machine 7 was not found");
/// ```
pub struct MessageWriter<'a> {
    out: Out<'a>,
    // Set by the first failed write, the output's or a field's own `Display`:
    // the message stops there and every later write is skipped.
    stopped: bool,
    // Whether that failure was the output's, the only kind passed on.
    output_failed: bool,
}

pub(crate) enum Out<'a> {
    Fmt(&'a mut dyn fmt::Write),
    /// Appends JSON string contents (no quotes), escaped.
    Json(&'a mut Vec<u8>),
    /// Writes nothing: hands each named field of a derived template to the
    /// callback instead ([`ApiError::message_values`]).
    Values(&'a mut dyn FnMut(&'static str, &dyn Display)),
}

impl<'a> MessageWriter<'a> {
    pub(crate) fn new(out: Out<'a>) -> Self {
        MessageWriter {
            out,
            stopped: false,
            output_failed: false,
        }
    }

    /// Text that needs no JSON escape, or whose escaped form is `json`.
    fn write_out(&mut self, text: &str, json: &str) -> fmt::Result {
        match &mut self.out {
            _ if self.stopped => return Err(fmt::Error),
            Out::Fmt(out) => {
                if out.write_str(text).is_err() {
                    self.stopped = true;
                    self.output_failed = true;
                    return Err(fmt::Error);
                }
            }
            Out::Json(out) => out.extend_from_slice(json.as_bytes()),
            Out::Values(_) => {}
        }
        Ok(())
    }

    /// Writes literal text.
    ///
    /// # Errors
    /// When the output fails.
    pub fn text(&mut self, text: &str) -> fmt::Result {
        match &mut self.out {
            Out::Json(out) if !self.stopped => {
                escape_json_into(out, text);
                Ok(())
            }
            _ => self.write_out(text, text),
        }
    }

    /// Writes a field value with its `Display`. The value is data: it is written
    /// verbatim (and escaped when the output is JSON), never interpreted.
    ///
    /// # Errors
    /// When the output or the value's own `Display` fails. Either way the message
    /// stops there; [`Message`] and the envelope then pass on only a failure of the
    /// output.
    pub fn field<T: Display + ?Sized>(&mut self, value: &T) -> fmt::Result {
        let result = match &mut self.out {
            _ if self.stopped => return Err(fmt::Error),
            Out::Fmt(out) => {
                let mut tracked = TrackFailure {
                    out: &mut **out,
                    failed: false,
                };
                let result = write!(tracked, "{value}");
                self.output_failed = tracked.failed;
                result
            }
            Out::Json(out) => write!(JsonEscape(out), "{value}"),
            Out::Values(_) => Ok(()),
        };
        self.stopped = result.is_err();
        result
    }

    /// Text from a template, with its JSON-escaped form computed by the derive at
    /// compile time, so the JSON writer copies it without scanning.
    #[doc(hidden)]
    pub fn __piece(&mut self, text: &str, json_escaped: &str) {
        // A failure stops the writer; `__finish` reports it.
        let _ = self.write_out(text, json_escaped);
    }

    /// The end of a derived message: `Err` when a write failed. The derive writes
    /// pieces without a `?` each and asks once here, which keeps large enums
    /// quick to compile.
    #[doc(hidden)]
    pub fn __finish(&self) -> fmt::Result {
        if self.stopped {
            Err(fmt::Error)
        } else {
            Ok(())
        }
    }

    /// The message of a variant without `msg`: the status's reason phrase.
    #[doc(hidden)]
    pub fn __reason_phrase(&mut self, status: u16) {
        // Reason phrases are plain ASCII: the text is its own JSON form.
        let phrase = crate::status::default_message(status);
        let _ = self.write_out(phrase, phrase);
    }

    /// ASCII digits (and a sign), which need no JSON escape.
    fn digits(&mut self, digits: &str) {
        let _ = self.write_out(digits, digits);
    }
}

impl MessageWriter<'_> {
    /// Writes a translated template: its pieces in order, each field through
    /// `field`, called with the piece's field number. One table per language and
    /// one field writer per variant, so more languages add data, not code.
    #[doc(hidden)]
    pub fn __translated(
        &mut self,
        pieces: &[Piece],
        field: &mut dyn FnMut(u16, &mut MessageWriter<'_>),
    ) -> fmt::Result {
        for piece in pieces {
            match *piece {
                Piece::Text(text, json_escaped) => self.__piece(text, json_escaped),
                Piece::Plain(text) => self.__piece(text, text),
                Piece::Field(number) => field(number, self),
            }
        }
        self.__finish()
    }

    /// Writes a template in the declared language: its pieces in order, field
    /// `n` from `args[n]`. The derive writes each variant's message as this
    /// one call over constant pieces, not as a statement per piece: a
    /// 1,000-variant `write_message` then type- and borrow-checks in about half
    /// the time (BENCHMARKS.md).
    #[doc(hidden)]
    ///
    /// `names` are the placeholders' names, one per argument: a writer made
    /// for [`ApiError::message_values`] hands each argument over under its
    /// name, and writes nothing.
    pub fn __template(
        &mut self,
        pieces: &[Piece],
        names: &[&'static str],
        args: &[Arg<'_>],
    ) -> fmt::Result {
        if let Out::Values(value) = &mut self.out {
            for (&name, arg) in names.iter().zip(args) {
                value(name, arg);
            }
            return Ok(());
        }
        for piece in pieces {
            match *piece {
                Piece::Text(text, json_escaped) => self.__piece(text, json_escaped),
                Piece::Plain(text) => self.__piece(text, text),
                Piece::Field(number) => {
                    if let Some(arg) = args.get(usize::from(number)) {
                        self.arg(arg);
                    }
                }
            }
        }
        self.__finish()
    }

    fn arg(&mut self, arg: &Arg<'_>) {
        match *arg {
            Arg::Str(text) => _ = self.text(text),
            Arg::Unsigned(n) => self.digits(itoa::Buffer::new().format(n)),
            Arg::Signed(n) => self.digits(itoa::Buffer::new().format(n)),
            Arg::WideUnsigned(n) => self.digits(itoa::Buffer::new().format(n)),
            Arg::WideSigned(n) => self.digits(itoa::Buffer::new().format(n)),
            Arg::Display(value) => _ = self.field(value),
        }
    }
}

/// A field's value as a derived template hands it to
/// [`MessageWriter::__template`]: strings and integers to be written without
/// `core::fmt`, anything else through its `Display`.
#[doc(hidden)]
pub enum Arg<'a> {
    Str(&'a str),
    Unsigned(u64),
    Signed(i64),
    // Apart: formatting 128 bits costs more than 64, even for small values.
    WideUnsigned(u128),
    WideSigned(i128),
    Display(&'a dyn Display),
}

/// A message template in one more language than the default, as the derive
/// lays it out: the language tag and the template's pieces.
#[doc(hidden)]
#[derive(Debug)]
pub struct Translation {
    pub lang: &'static str,
    pub pieces: &'static [Piece],
}

/// One piece of a template, as the derive lays it out.
#[doc(hidden)]
#[derive(Debug)]
pub enum Piece {
    /// Text, and its JSON-escaped form.
    Text(&'static str, &'static str),
    /// Text that is its own JSON-escaped form.
    Plain(&'static str),
    /// The variant's field writer number `n`.
    Field(u16),
}

/// The pieces of the translation into `lang` (compared case-insensitively).
#[doc(hidden)]
#[must_use]
pub fn find_translation(
    translations: &'static [Translation],
    lang: &str,
) -> Option<&'static [Piece]> {
    translations
        .iter()
        .find(|translation| translation.lang.eq_ignore_ascii_case(lang))
        .map(|translation| translation.pieces)
}

/// The public message of an [`ApiError`] in a chosen language, from
/// [`ApiError::message_in`]; like [`Message`], written without allocating.
#[derive(Clone, Copy)]
pub struct LocalizedMessage<'a> {
    pub(crate) error: &'a dyn ApiError,
    pub(crate) lang: &'a str,
}

impl LocalizedMessage<'_> {
    /// The language asked for. The message is in it when it is one of the
    /// error's [`languages`](ApiError::languages), else in the error's default.
    #[must_use]
    pub fn lang(&self) -> &str {
        self.lang
    }
}

impl Display for LocalizedMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lenient(f, |w| self.error.write_message_in(self.lang, w))
    }
}

impl fmt::Debug for LocalizedMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        write!(DebugEscape(f), "{self}")?;
        f.write_char('"')
    }
}

/// How the derive writes a field with `Display` (`<name>`). A trait of its own so
/// that a field type without `Display` is reported at the template, in words
/// about the template, rather than inside this crate.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written by a `<field>` placeholder: it does not implement `Display`",
    label = "a placeholder in this template writes a field of type `{Self}` with `Display`",
    note = "implement `Display` for `{Self}`, write the field with `Debug` as `<field:?>`, or leave it out of the template"
)]
pub trait WriteDisplay {
    fn __write_display(&self, w: &mut MessageWriter<'_>);

    /// The field as an [`Arg`] of [`MessageWriter::__template`].
    fn __arg(&self) -> Arg<'_>
    where
        Self: Sized;
}

#[diagnostic::do_not_recommend]
impl<T: Display + ?Sized> WriteDisplay for T {
    fn __write_display(&self, w: &mut MessageWriter<'_>) {
        let _ = w.field(self);
    }

    fn __arg(&self) -> Arg<'_>
    where
        Self: Sized,
    {
        Arg::Display(self)
    }
}

/// How the derive writes a field with `Debug` (`<name:?>`).
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written by a `<field:?>` placeholder: it does not implement `Debug`",
    label = "a placeholder in this template writes a field of type `{Self}` with `Debug`",
    note = "derive or implement `Debug` for `{Self}`, or write the field with `Display` as `<field>`"
)]
pub trait WriteDebug {
    fn __write_debug(&self, w: &mut MessageWriter<'_>);
}

#[diagnostic::do_not_recommend]
impl<T: fmt::Debug + ?Sized> WriteDebug for T {
    fn __write_debug(&self, w: &mut MessageWriter<'_>) {
        let _ = w.field(&DebugAsDisplay(self));
    }
}

struct DebugAsDisplay<'a, T: ?Sized>(&'a T);

impl<T: fmt::Debug + ?Sized> Display for DebugAsDisplay<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

/// How the derive writes a list joined (`<names:, >`): each item with `Display`,
/// the separator between them.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written by a `<field:separator>` placeholder: it is not a list of `Display` items",
    label = "a placeholder in this template joins the items of a field of type `{Self}`",
    note = "a joined field must iterate by reference over items that implement `Display` (a `Vec`, slice, array, set, ...)"
)]
pub trait WriteJoined {
    fn __write_joined(&self, w: &mut MessageWriter<'_>, separator: &str, separator_json: &str);
}

#[diagnostic::do_not_recommend]
impl<T: ?Sized> WriteJoined for T
where
    for<'a> &'a T: IntoIterator<Item: Display>,
{
    fn __write_joined(&self, w: &mut MessageWriter<'_>, separator: &str, separator_json: &str) {
        for (i, item) in self.into_iter().enumerate() {
            if i > 0 {
                w.__piece(separator, separator_json);
            }
            let _ = w.field(&item);
        }
    }
}

/// How the derive writes a field whose type it recognises by name: strings and
/// integers go straight to the output, skipping `core::fmt`; any other type (or a
/// user type that shadows the name) goes through `Display`.
///
/// Autoref specialization: `(&Field(x)).__write_field(w)` finds the
/// [`WriteFieldFast`] impls on `Field<T>` first, and only then the
/// [`WriteFieldDisplay`] impl on `&Field<T>`.
#[doc(hidden)]
pub struct Field<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait WriteFieldFast {
    fn __write_field(&self, w: &mut MessageWriter<'_>);
}

#[doc(hidden)]
pub trait WriteFieldDisplay {
    fn __write_field(&self, w: &mut MessageWriter<'_>);
}

impl<T: Display + ?Sized> WriteFieldDisplay for &Field<'_, T> {
    fn __write_field(&self, w: &mut MessageWriter<'_>) {
        let _ = w.field(self.0);
    }
}

impl WriteFieldFast for Field<'_, str> {
    fn __write_field(&self, w: &mut MessageWriter<'_>) {
        let _ = w.text(self.0);
    }
}

impl WriteFieldFast for Field<'_, &str> {
    fn __write_field(&self, w: &mut MessageWriter<'_>) {
        let _ = w.text(self.0);
    }
}

impl WriteFieldFast for Field<'_, String> {
    fn __write_field(&self, w: &mut MessageWriter<'_>) {
        let _ = w.text(self.0);
    }
}

macro_rules! fast_integers {
    ($($int:ty)*) => {$(
        impl WriteFieldFast for Field<'_, $int> {
            fn __write_field(&self, w: &mut MessageWriter<'_>) {
                // itoa (serde_json's own) writes the digits on the stack.
                w.digits(itoa::Buffer::new().format(*self.0));
            }
        }
    )*};
}

fast_integers!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize);

impl Display for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Arg::Str(text) => f.write_str(text),
            Arg::Unsigned(n) => f.write_str(itoa::Buffer::new().format(n)),
            Arg::Signed(n) => f.write_str(itoa::Buffer::new().format(n)),
            Arg::WideUnsigned(n) => f.write_str(itoa::Buffer::new().format(n)),
            Arg::WideSigned(n) => f.write_str(itoa::Buffer::new().format(n)),
            Arg::Display(value) => value.fmt(f),
        }
    }
}

/// The [`Arg`] of a field whose type the derive recognises by name, with the
/// same autoref specialization as [`WriteFieldFast`]: `(&Field(x)).__arg()`
/// finds these impls on `Field<T>` first, and only then [`ArgDisplay`]'s on
/// `&Field<T>`.
#[doc(hidden)]
pub trait ArgFast {
    fn __arg(&self) -> Arg<'_>;
}

#[doc(hidden)]
pub trait ArgDisplay {
    fn __arg(&self) -> Arg<'_>;
}

impl<T: Display> ArgDisplay for &Field<'_, T> {
    fn __arg(&self) -> Arg<'_> {
        Arg::Display(self.0)
    }
}

impl ArgFast for Field<'_, str> {
    fn __arg(&self) -> Arg<'_> {
        Arg::Str(self.0)
    }
}

impl ArgFast for Field<'_, &str> {
    fn __arg(&self) -> Arg<'_> {
        Arg::Str(self.0)
    }
}

impl ArgFast for Field<'_, String> {
    fn __arg(&self) -> Arg<'_> {
        Arg::Str(self.0)
    }
}

macro_rules! arg_integers {
    ($variant:ident: $($int:ty)*) => {$(
        impl ArgFast for Field<'_, $int> {
            fn __arg(&self) -> Arg<'_> {
                Arg::$variant((*self.0).into())
            }
        }
    )*};
}

arg_integers!(Unsigned: u8 u16 u32 u64);
arg_integers!(Signed: i8 i16 i32 i64);
arg_integers!(WideUnsigned: u128);
arg_integers!(WideSigned: i128);

impl ArgFast for Field<'_, usize> {
    fn __arg(&self) -> Arg<'_> {
        // At most 64 bits on every target Rust supports; 128 if one comes.
        u64::try_from(*self.0).map_or_else(|_| Arg::WideUnsigned(*self.0 as u128), Arg::Unsigned)
    }
}

impl ArgFast for Field<'_, isize> {
    fn __arg(&self) -> Arg<'_> {
        i64::try_from(*self.0).map_or_else(|_| Arg::WideSigned(*self.0 as i128), Arg::Signed)
    }
}

/// Forwards to an output and remembers whether it ever refused a write.
struct TrackFailure<'f> {
    out: &'f mut dyn fmt::Write,
    failed: bool,
}

impl fmt::Write for TrackFailure<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // After a refusal nothing more reaches the output, even if the value ignores the error.
        if self.failed || self.out.write_str(s).is_err() {
            self.failed = true;
            return Err(fmt::Error);
        }
        Ok(())
    }
}

/// Escapes whatever is written through it into a JSON string body.
struct JsonEscape<'a>(&'a mut Vec<u8>);

impl fmt::Write for JsonEscape<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_json_into(self.0, s);
        Ok(())
    }
}

/// Appends `s` escaped as the inside of a JSON string, with `serde_json`'s rules:
/// `"` and `\` get a backslash, control characters their short or `\u00XX` form,
/// everything else (all non-ASCII included) is copied as is.
pub(crate) fn escape_json_into(out: &mut Vec<u8>, s: &str) {
    escape_json_bytes_into(out, s.as_bytes());
}

/// [`escape_json_into`] over bytes that are UTF-8 (or ASCII) already.
pub(crate) fn escape_json_bytes_into(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    // Runs of bytes that need no escape are copied whole; most strings are one run.
    while let Some(offset) = first_to_escape(&bytes[start..]) {
        let i = start + offset;
        out.extend_from_slice(&bytes[start..i]);
        let byte = bytes[i];
        match ESCAPE[usize::from(byte)] {
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]),
            short => out.extend_from_slice(&[b'\\', short]),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// The index of the first byte that JSON escapes. Eight bytes at a time while
/// none does (a word test for a byte below 0x20, `"` or `\\`), then byte by byte.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // Non-zero when some byte of `word` is below `n` (n <= 128), or is zero.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
    let mut words = bytes.chunks_exact(8);
    let mut skipped = 0;
    for chunk in &mut words {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word);
        if below(word, 0x20)
            | below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1)
            != 0
        {
            break;
        }
        skipped += 8;
    }
    bytes[skipped..]
        .iter()
        .position(|&b| ESCAPE[usize::from(b)] != 0)
        .map(|offset| skipped + offset)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// For each byte: 0 when it is copied as is, else the letter after the backslash
/// (`u` for the `\u00XX` form). The same table as `serde_json`'s.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Escapes like `str`'s `Debug`, for [`Message`]'s `Debug`.
struct DebugEscape<'a, 'f>(&'a mut fmt::Formatter<'f>);

impl fmt::Write for DebugEscape<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if c == '\'' {
                self.0.write_char(c)?;
            } else {
                for e in c.escape_debug() {
                    self.0.write_char(e)?;
                }
            }
        }
        Ok(())
    }
}

/// A `Display` made of a message-writing closure: how the derive hands a header
/// value template to [`ApiError::headers`].
#[doc(hidden)]
pub struct DisplayFn<F>(F);

impl<F: Fn(&mut MessageWriter<'_>) -> fmt::Result> DisplayFn<F> {
    pub fn new(write: F) -> Self {
        DisplayFn(write)
    }
}

impl<F: Fn(&mut MessageWriter<'_>) -> fmt::Result> Display for DisplayFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lenient(f, |w| (self.0)(w))
    }
}

#[cfg(test)]
mod tests {
    use super::escape_json_into;

    #[test]
    fn escapes_like_serde_json() {
        let samples = [
            "",
            "plain",
            "\"quoted\"",
            "back\\slash",
            "line\nbreak\r\t",
            "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "<0> {} é 日本 🎉",
            "\u{2028}\u{2029}",
            "https://api.example.com/v1/machines?ip=10.1.2.3&t=5",
            "eight ok\"then a quote, and later a \\ and a \u{7}bell",
            "0123456789abcdef0123456789abcde\n",
            "\u{1f}2345678\u{0}",
            "ÿÿÿÿÿÿÿÿ é ñ 日本語のテキスト \u{80}\u{ff}",
        ];
        for sample in samples {
            let mut ours = vec![b'"'];
            escape_json_into(&mut ours, sample);
            ours.push(b'"');
            let theirs = serde_json::to_vec(sample).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs),
                "{sample:?}"
            );
        }
    }
}
