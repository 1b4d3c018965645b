// ClientSlots: caps the requests one client address has open at once (from
// the arrival of the request head until its answer is ready), so one
// client cannot take the server's queue and workers from everyone else
// (--max-requests-per-client). Memory stays bounded by the requests open:
// an address is forgotten when its last request ends.
//
//   std::optional<ClientSlots::Slot> slot = slots.TryAcquire(address);
//   if (!slot) return RefuseTooManyConcurrent();
//   ...  // the slot is given back when it is destroyed
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace rapport {

class ClientSlots {
 public:
  // One open request of one address; gives its place back when destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    friend class ClientSlots;
    Slot(ClientSlots* owner, std::string address);
    ClientSlots* owner_;  // null once moved from
    std::string address_;
  };

  // At most `limit_per_client` (at least 1) slots per address at once.
  explicit ClientSlots(int limit_per_client);
  ClientSlots(const ClientSlots&) = delete;
  ClientSlots& operator=(const ClientSlots&) = delete;

  // A slot for `address`, or nothing when it already holds the limit. The
  // ClientSlots must outlive every slot it hands out.
  [[nodiscard]] std::optional<Slot> TryAcquire(const std::string& address);

 private:
  void Release(const std::string& address);

  const int limit_per_client_;
  std::mutex mutex_;
  std::unordered_map<std::string, int> held_;  // guarded by mutex_; no zero entries
};

}  // namespace rapport
