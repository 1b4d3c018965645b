// Per-address concurrency cap (client_slots.h).
#include "client_slots.h"

#include <algorithm>

namespace rapport {

ClientSlots::Slot::Slot(ClientSlots* owner, std::string address)
    : owner_(owner), address_(std::move(address)) {}

ClientSlots::Slot::Slot(Slot&& other) noexcept
    : owner_(other.owner_), address_(std::move(other.address_)) {
  other.owner_ = nullptr;
}

ClientSlots::Slot& ClientSlots::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (owner_) owner_->Release(address_);
    owner_ = other.owner_;
    address_ = std::move(other.address_);
    other.owner_ = nullptr;
  }
  return *this;
}

ClientSlots::Slot::~Slot() {
  if (owner_) owner_->Release(address_);
}

ClientSlots::ClientSlots(int limit_per_client) : limit_per_client_(std::max(limit_per_client, 1)) {}

std::optional<ClientSlots::Slot> ClientSlots::TryAcquire(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  int& held = held_[address];
  if (held >= limit_per_client_) return std::nullopt;
  ++held;
  return Slot(this, address);
}

void ClientSlots::Release(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = held_.find(address);
  if (it != held_.end() && --it->second == 0) held_.erase(it);
}

}  // namespace rapport
