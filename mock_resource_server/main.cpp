// Placeholder until the real entry point lands.
int main() { return 0; }
