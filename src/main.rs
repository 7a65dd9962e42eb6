fn main() {
    retention_app::mount_all();
}
