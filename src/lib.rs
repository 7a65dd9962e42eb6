//! The retention calculator as a yew app. `main.rs` mounts it; tests mount it too.

pub mod app;
pub mod charts;
pub mod components;
pub mod config;
pub mod details;
pub mod export;
pub mod i18n;
pub mod import;
pub mod member_import;
pub mod members_state;
pub mod mount;
pub mod painted;
pub mod parts;
pub mod settings;
pub mod state;
pub mod tools;
pub mod worker;

pub use mount::{mount, mount_all, mount_with};
