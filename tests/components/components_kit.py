"""What the component tests share: viewports and the init scripts that break storage."""

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}

# localStorage and sessionStorage as strict privacy settings leave them: reading either throws.
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException("blocked", "SecurityError"); } });
}
"""

# Storage that is there but refuses every write (Safari's old private mode, a full disk).
REFUSE_WRITES = """
Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
"""
