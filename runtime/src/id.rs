//! Correlation ids: the `target` of an envelope, stored inline so that they never allocate.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

use uuid::fmt::Hyphenated;

/// The longest accepted id, in bytes.
const MAX_LEN: usize = 128;

/// The length of a lowercase hyphenated uuid such as `43f4cb08-8fac-4b65-9db1-745c2ae65f3a`.
const UUID_LEN: u8 = 36;

// `new` stores `UUID_LEN` as the length of what uuid writes; this keeps the two in step.
const _: () = assert!(Hyphenated::LENGTH == UUID_LEN as usize && Hyphenated::LENGTH <= MAX_LEN);

/// The id that ties an error response to the server's logs; the `target` of an [`Envelope`](crate::Envelope).
///
/// It holds 1 to 128 visible ASCII characters (`'!'..='~'`), so it is safe to echo into HTTP
/// headers and log lines. It is stored inline: creating, cloning and serializing one never
/// allocates.
///
/// ```
/// use rest_error::CorrelationId;
///
/// let fresh = CorrelationId::new();
/// assert_eq!(fresh.as_str().len(), 36);
///
/// let given: CorrelationId = "req-42".parse()?;
/// assert_eq!(given.to_string(), "req-42");
/// # Ok::<(), rest_error::InvalidCorrelationId>(())
/// ```
#[derive(Clone)]
pub struct CorrelationId {
    // Invariant: `bytes[..len]` is 1..=128 visible ASCII bytes, set only by `new` and `parse`.
    len: u8,
    bytes: [u8; MAX_LEN],
    // No `"` or `\`: JSON writes the bytes as they are (checked once, here, rather
    // than on every envelope).
    json_plain: bool,
}

impl CorrelationId {
    /// A fresh random id: a lowercase, hyphenated UUID version 4.
    ///
    /// Its 122 random bits come from a thread-local `ChaCha12` generator seeded
    /// from the operating system's random source. The generator remembers the
    /// process it was seeded in and is seeded again when that changes, so a
    /// child made by `fork()` (a pre-forking server, a test harness) never
    /// repeats its parent's ids. When the OS's random source is unavailable
    /// the generator is seeded from the time, the process id and a counter
    /// instead: ids stay unique, though no longer unpredictable; `new` never
    /// panics.
    ///
    /// ```
    /// use rest_error::CorrelationId;
    ///
    /// let id = CorrelationId::new();
    /// assert_eq!(id.as_str().as_bytes()[14], b'4');
    /// assert_ne!(id, CorrelationId::new());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        let mut bytes = [0; MAX_LEN];
        uuid::Builder::from_random_bytes(generator::random_bytes())
            .into_uuid()
            .hyphenated()
            .encode_lower(&mut bytes);
        Self {
            len: UUID_LEN,
            bytes,
            json_plain: true,
        }
    }

    /// Checks that `s` is 1 to 128 visible ASCII characters (`'!'..='~'`) and copies it.
    ///
    /// # Errors
    /// When `s` is empty, longer than 128 bytes, or holds a space, a control character or
    /// anything outside ASCII.
    ///
    /// ```
    /// use rest_error::CorrelationId;
    ///
    /// assert!(CorrelationId::parse("43f4cb08-8fac-4b65-9db1-745c2ae65f3a").is_ok());
    /// assert!(CorrelationId::parse("a\r\nSet-Cookie: x").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, InvalidCorrelationId> {
        let input = s.as_bytes();
        if input.is_empty() {
            return Err(InvalidCorrelationId(Reason::Empty));
        }
        let len = match u8::try_from(input.len()) {
            Ok(len) if input.len() <= MAX_LEN => len,
            _ => {
                return Err(InvalidCorrelationId(Reason::TooLong { len: input.len() }));
            }
        };
        if let Some(index) = input.iter().position(|b| !b.is_ascii_graphic()) {
            return Err(InvalidCorrelationId(Reason::Disallowed { index }));
        }
        let mut bytes = [0; MAX_LEN];
        // A zip rather than slicing, so there is no bounds check that could panic.
        for (to, from) in bytes.iter_mut().zip(input) {
            *to = *from;
        }
        let json_plain = !input.iter().any(|&b| b == b'"' || b == b'\\');
        Ok(Self {
            len,
            bytes,
            json_plain,
        })
    }

    /// The id as text.
    ///
    /// ```
    /// use rest_error::CorrelationId;
    ///
    /// let id = CorrelationId::parse("req-42")?;
    /// assert_eq!(id.as_str(), "req-42");
    /// # Ok::<(), rest_error::InvalidCorrelationId>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // The invariant makes the fallback unreachable; it keeps this total without a panic.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The id's bytes, visible ASCII, for writers that need no `str` (and so no
    /// UTF-8 check).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// Appends the id as the inside of a JSON string.
    pub(crate) fn write_json_into(&self, out: &mut Vec<u8>) {
        if self.json_plain {
            out.extend_from_slice(self.as_bytes());
        } else {
            crate::message::escape_json_bytes_into(out, self.as_bytes());
        }
    }
}

impl Default for CorrelationId {
    /// The same as [`CorrelationId::new`]: a fresh random id.
    fn default() -> Self {
        Self::new()
    }
}

// Compared and hashed by their text: bytes past `len` are not part of the id.
impl PartialEq for CorrelationId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CorrelationId {}

impl Hash for CorrelationId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for CorrelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CorrelationId")
            .field(&self.as_str())
            .finish()
    }
}

impl fmt::Display for CorrelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for CorrelationId {
    type Err = InvalidCorrelationId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for CorrelationId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for CorrelationId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CorrelationId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(IdVisitor)
    }
}

/// Validates a string with [`CorrelationId::parse`]; borrowed and owned strings both arrive
/// in `visit_str`, so nothing is copied on the way.
struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = CorrelationId;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a correlation id of 1 to 128 visible ASCII characters")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<CorrelationId, E> {
        CorrelationId::parse(s).map_err(E::custom)
    }
}

/// The random bytes of fresh ids: a thread-local `ChaCha12` generator (rand's
/// `StdRng`, the generator behind `rand::rng()`), seeded from the OS and
/// reseeded in a child made by `fork()`, so the child never repeats its
/// parent's ids.
///
/// The fork check costs one atomic load per id: `forkguard` counts forks in a
/// `pthread_atfork` child handler (the `unsafe` FFI lives there, not here).
/// Should registering the handler fail, the generator falls back to comparing
/// the process id, one `getpid` system call per id.
mod generator {
    use core::cell::RefCell;
    use core::hash::{Hash as _, Hasher as _};
    use core::sync::atomic::{AtomicU64, Ordering};

    use rand::rngs::StdRng;
    use rand::{Rng as _, SeedableRng as _};

    struct Generator {
        forks: Forks,
        rng: StdRng,
    }

    /// How a generator notices that it now runs in a forked child.
    enum Forks {
        /// The fork counter of the `pthread_atfork` handler.
        Counted(forkguard::Guard),
        /// The process the generator was seeded in.
        Pid(u32),
    }

    impl Forks {
        fn new() -> Self {
            forkguard::Guard::try_new()
                .map_or_else(|_| Forks::Pid(std::process::id()), Forks::Counted)
        }

        fn forked(&mut self) -> bool {
            match self {
                Forks::Counted(guard) => guard.detected_fork(),
                Forks::Pid(pid) => *pid != std::process::id(),
            }
        }
    }

    thread_local! {
        static GENERATOR: RefCell<Option<Generator>> = const { RefCell::new(None) };
    }

    /// 16 random bytes for a fresh id.
    pub(super) fn random_bytes() -> [u8; 16] {
        let mut bytes = [0; 16];
        let filled = GENERATOR.try_with(|cell| {
            let Ok(mut slot) = cell.try_borrow_mut() else {
                return false;
            };
            let reuse = slot
                .as_mut()
                .is_some_and(|generator| !generator.forks.forked());
            let generator = match &mut *slot {
                Some(generator) if reuse => generator,
                // First use on this thread, or a forked child: seed afresh.
                _ => slot.insert(Generator {
                    forks: Forks::new(),
                    rng: seeded(std::process::id(), os_random),
                }),
            };
            // Two words, as uuid's `new_v4` draws them: quicker than `fill_bytes`.
            let (high, low) = (generator.rng.next_u64(), generator.rng.next_u64());
            bytes = (u128::from(high) << 64 | u128::from(low)).to_ne_bytes();
            true
        });
        if filled != Ok(true) {
            // The thread's locals are being torn down: a one-off generator.
            seeded(std::process::id(), os_random).fill_bytes(&mut bytes);
        }
        bytes
    }

    /// Fills `seed` from the OS's random source; `false` when it is unavailable.
    fn os_random(seed: &mut [u8; 32]) -> bool {
        getrandom::fill(seed).is_ok()
    }

    /// A generator seeded by `os`, or, when the OS's random source is
    /// unavailable, by [`fallback_seed`].
    pub(super) fn seeded(pid: u32, os: impl FnOnce(&mut [u8; 32]) -> bool) -> StdRng {
        let mut seed = [0; 32];
        if !os(&mut seed) {
            seed = fallback_seed(pid);
        }
        StdRng::from_seed(seed)
    }

    /// A seed without the OS's random source: the time, the process id, a
    /// count of the seeds made in this process and an address on this
    /// thread's stack, hashed. Ids from it are unique in the process and
    /// almost surely across processes, but not unpredictable.
    fn fallback_seed(pid: u32) -> [u8; 32] {
        static SEEDS: AtomicU64 = AtomicU64::new(0);
        let count = SEEDS.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let here = core::ptr::from_ref(&count).addr();
        let mut seed = [0; 32];
        for (part, chunk) in (0_u8..).zip(seed.chunks_exact_mut(8)) {
            let mut hasher = std::hash::DefaultHasher::new();
            (part, nanos, pid, count, here).hash(&mut hasher);
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
        seed
    }
}

/// Why a string is not a valid [`CorrelationId`].
///
/// It never repeats the rejected string or character: the input may come from an attacker and
/// is not fit for logs or responses. It names the position instead.
///
/// ```
/// use rest_error::CorrelationId;
///
/// let err = CorrelationId::parse("a\nb").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid correlation id: disallowed byte at index 1; \
///      only visible ASCII characters ('!' to '~') are allowed",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCorrelationId(Reason);

/// Holds only lengths and positions, never input, so `Debug` is as safe as `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reason {
    Empty,
    TooLong { len: usize },
    Disallowed { index: usize },
}

impl fmt::Display for InvalidCorrelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid correlation id: ")?;
        match self.0 {
            Reason::Empty => f.write_str("it is empty"),
            Reason::TooLong { len } => {
                write!(f, "it is {len} bytes long; at most {MAX_LEN} are allowed")
            }
            Reason::Disallowed { index } => write!(
                f,
                "disallowed byte at index {index}; \
                 only visible ASCII characters ('!' to '~') are allowed",
            ),
        }
    }
}

impl core::error::Error for InvalidCorrelationId {}

#[cfg(test)]
mod tests {
    use super::{CorrelationId, InvalidCorrelationId, Reason};
    use std::collections::HashSet;

    #[test]
    fn new_is_a_lowercase_v4_uuid() {
        let id = CorrelationId::new();
        let s = id.as_str();
        assert_eq!(s.len(), 36);
        let groups: Vec<&str> = s.split('-').collect();
        assert_eq!(
            groups.iter().copied().map(str::len).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(
            s.bytes()
                .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{s}"
        );
        // Version nibble 4; variant bits 10xx, so the nibble is 8, 9, a or b.
        assert!(groups[2].starts_with('4'), "{s}");
        assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "{s}");
    }

    #[test]
    fn without_the_os_random_source_ids_are_still_made() {
        use rand::Rng as _;
        let mut seen = HashSet::new();
        for _ in 0..100 {
            let mut rng = super::generator::seeded(7, |_| false);
            let mut bytes = [0; 16];
            rng.fill_bytes(&mut bytes);
            let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
            assert_eq!(id.get_version_num(), 4);
            assert!(seen.insert(id), "a fallback seed repeats");
        }
        // The OS's source, when it answers, is what seeds.
        let mut a = super::generator::seeded(7, |seed| {
            seed.fill(1);
            true
        });
        let mut b = super::generator::seeded(8, |seed| {
            seed.fill(1);
            true
        });
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn new_is_unique() {
        let ids: HashSet<CorrelationId> = (0..1000).map(|_| CorrelationId::new()).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn default_is_fresh() {
        assert_eq!(CorrelationId::default().as_str().len(), 36);
        assert_ne!(CorrelationId::default(), CorrelationId::default());
    }

    #[test]
    fn parse_accepts() {
        let longest = "x".repeat(128);
        let all_visible: String = ('!'..='~').collect();
        for s in [
            "a",
            &longest,
            "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
            &all_visible,
        ] {
            let id = CorrelationId::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert_eq!(id.as_str(), s);
            assert_eq!(id.to_string(), s);
            assert_eq!(s.parse::<CorrelationId>(), Ok(id));
        }
    }

    #[test]
    fn parse_rejects() {
        let too_long = "x".repeat(129);
        let cases = [
            ("", Reason::Empty),
            (&too_long, Reason::TooLong { len: 129 }),
            (" ", Reason::Disallowed { index: 0 }),
            ("a b", Reason::Disallowed { index: 1 }),
            ("a\r\nb", Reason::Disallowed { index: 1 }),
            ("\t", Reason::Disallowed { index: 0 }),
            ("\u{7f}", Reason::Disallowed { index: 0 }),
            ("\u{0}", Reason::Disallowed { index: 0 }),
            ("é", Reason::Disallowed { index: 0 }),
            ("abcﬁ", Reason::Disallowed { index: 3 }),
        ];
        for (s, reason) in cases {
            assert_eq!(
                CorrelationId::parse(s),
                Err(InvalidCorrelationId(reason)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn error_does_not_echo_the_input() {
        for s in [
            "evil value",
            "evil\r\nvalue",
            "evilé",
            "evil\u{1b}[31m",
            &"evil".repeat(40),
        ] {
            let err = CorrelationId::parse(s).unwrap_err();
            for text in [err.to_string(), format!("{err:?}")] {
                assert!(!text.contains("evil"), "{text}");
                assert!(
                    text.chars().all(|c| c == ' ' || c.is_ascii_graphic()),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn error_messages() {
        let message = |s: &str| CorrelationId::parse(s).unwrap_err().to_string();
        assert_eq!(message(""), "invalid correlation id: it is empty");
        assert_eq!(
            message(&"x".repeat(200)),
            "invalid correlation id: it is 200 bytes long; at most 128 are allowed"
        );
        assert_eq!(
            message("ab\u{0}"),
            "invalid correlation id: disallowed byte at index 2; \
             only visible ASCII characters ('!' to '~') are allowed"
        );
    }

    #[test]
    fn equality_and_debug() {
        let a = CorrelationId::parse("req-1").unwrap();
        assert_eq!(a.clone(), a);
        assert_ne!(a, CorrelationId::parse("req-2").unwrap());
        assert_eq!(format!("{a:?}"), r#"CorrelationId("req-1")"#);
        assert_eq!(format!("{a:>7}"), "  req-1");
        assert_eq!(a.as_ref(), "req-1");
    }
}
