//! A counting allocator: the bytes live, their peak and the bytes ever asked for, so the
//! driver can hold each input to a memory bound and [`crate::scaling`] can compare the memory
//! of n and 4n bytes. A binary or test that wants the counts installs it:
//! `#[global_allocator] static A: Counting = Counting;`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting.
pub struct Counting;

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
    TOTAL.fetch_add(by, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counters are
// updated around it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's promises for `layout` are the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`, and `new_size` is the caller's promise.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

/// Memory use from one point on.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    live: usize,
    total: usize,
}

impl Mark {
    /// Starts counting here: the peak is reset to what is live now.
    pub fn now() -> Mark {
        let live = LIVE.load(Relaxed);
        PEAK.store(live, Relaxed);
        Mark {
            live,
            total: TOTAL.load(Relaxed),
        }
    }

    /// The most bytes live at once since the mark, above what was live at it.
    pub fn peak(&self) -> usize {
        PEAK.load(Relaxed).saturating_sub(self.live)
    }

    /// The bytes asked for since the mark (freed or not).
    pub fn allocated(&self) -> usize {
        TOTAL.load(Relaxed) - self.total
    }
}

/// Whether the counting allocator is installed (it has counted something).
pub fn installed() -> bool {
    TOTAL.load(Relaxed) > 0
}
