#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sala::crypto {

// Initialises libsodium; safe to call more than once and from several threads.
[[nodiscard]] Result<void> init();

// `n` bytes from the operating system's CSPRNG.
std::string random_bytes(std::size_t n);

// A URL-safe random token carrying `n` bytes of entropy (at least 16).
std::string random_token(std::size_t n = 24);

// BLAKE2b-256 of `data`: what is stored instead of a bearer token, so a
// database leak does not leak working tokens.
std::string digest(std::string_view data);

// BLAKE2b keyed with `key` (16 to 64 bytes), truncated to `out_bytes` (16 to 64).
std::string keyed_hash(std::string_view key, std::string_view data, std::size_t out_bytes = 16);

// Compares secrets in time that does not depend on where they differ.
bool equal_constant_time(std::string_view a, std::string_view b);

std::string to_hex(std::string_view bytes);

// HMAC-SHA256 (RFC 2104) of `message` under a key of any length: what
// publishers sign reader tokens with, since every language has it.
std::string hmac_sha256(std::string_view key, std::string_view message);

// SHA-256 of `data` (32 bytes): what browsers can compute with WebCrypto,
// hence the hash of the proof-of-work challenge.
std::string sha256(std::string_view data);

// Base64url without padding (RFC 4648 section 5), and its strict inverse:
// nullopt for padding, whitespace or any character outside the alphabet.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Argon2id (libsodium's interactive limits: 64 MiB, about 0.1 s) in its
// self-describing string form, salt included.
[[nodiscard]] Result<std::string> hash_password(std::string_view password);
// Whether `password` matches `hash`; false for a hash that cannot be read.
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace sala::crypto
