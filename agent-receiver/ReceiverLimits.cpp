#include "ReceiverLimits.h"

namespace archnest::receiver {

ReceiverLimits defaultReceiverLimits()
{
    return ReceiverLimits{};
}

} // namespace archnest::receiver
