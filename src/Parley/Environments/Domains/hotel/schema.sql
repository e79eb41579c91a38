CREATE TABLE guests (
  guest_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  loyalty_number TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('member', 'silver', 'gold', 'platinum')),
  points INTEGER NOT NULL CHECK (points >= 0)
);
CREATE TABLE hotels (
  hotel_id INTEGER PRIMARY KEY,
  hotel_name TEXT NOT NULL,
  city TEXT NOT NULL,
  address TEXT NOT NULL,
  breakfast_price REAL NOT NULL CHECK (breakfast_price > 0)
);
CREATE TABLE room_types (
  room_type_id INTEGER PRIMARY KEY,
  hotel_id INTEGER NOT NULL REFERENCES hotels(hotel_id),
  room_type TEXT NOT NULL CHECK (room_type IN ('standard', 'deluxe', 'suite')),
  nightly_rate REAL NOT NULL CHECK (nightly_rate > 0),
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 6),
  rooms_total INTEGER NOT NULL CHECK (rooms_total > 0)
);
CREATE TABLE reservations (
  reservation_id INTEGER PRIMARY KEY,
  confirmation_number TEXT NOT NULL,
  guest_id INTEGER NOT NULL REFERENCES guests(guest_id),
  room_type_id INTEGER NOT NULL REFERENCES room_types(room_type_id),
  check_in TEXT NOT NULL,
  check_out TEXT NOT NULL,
  guests_count INTEGER NOT NULL CHECK (guests_count BETWEEN 1 AND 6),
  breakfast INTEGER NOT NULL DEFAULT 0 CHECK (breakfast IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'checked_in', 'completed', 'cancelled')),
  total_price REAL NOT NULL DEFAULT 0 CHECK (total_price >= 0),
  late_checkout TEXT CHECK (late_checkout IN ('12:00', '13:00', '14:00')),
  booked_on TEXT NOT NULL,
  cancel_reason TEXT,
  refund_amount REAL
);
CREATE TABLE charges (
  charge_id INTEGER PRIMARY KEY,
  reservation_id INTEGER NOT NULL REFERENCES reservations(reservation_id),
  description TEXT NOT NULL,
  amount REAL NOT NULL CHECK (amount >= 0),
  charged_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('posted', 'disputed', 'refunded')),
  dispute_reason TEXT
);
