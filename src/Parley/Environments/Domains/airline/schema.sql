CREATE TABLE passengers (
  passenger_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  frequent_flyer_number TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('blue', 'silver', 'gold', 'platinum')),
  miles INTEGER NOT NULL CHECK (miles >= 0)
);
CREATE TABLE routes (
  route_id INTEGER PRIMARY KEY,
  flight_number TEXT NOT NULL,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  departure_time TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0)
);
CREATE TABLE flights (
  flight_id INTEGER PRIMARY KEY,
  route_id INTEGER NOT NULL REFERENCES routes(route_id),
  departure_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'delayed', 'cancelled', 'landed')),
  delay_minutes INTEGER NOT NULL DEFAULT 0 CHECK (delay_minutes >= 0),
  gate TEXT NOT NULL,
  seats_available INTEGER NOT NULL CHECK (seats_available >= 0),
  fare_economy REAL NOT NULL CHECK (fare_economy > 0),
  fare_business REAL NOT NULL CHECK (fare_business > 0)
);
CREATE TABLE bookings (
  booking_id INTEGER PRIMARY KEY,
  confirmation_code TEXT NOT NULL,
  passenger_id INTEGER NOT NULL REFERENCES passengers(passenger_id),
  flight_id INTEGER NOT NULL REFERENCES flights(flight_id),
  cabin TEXT NOT NULL CHECK (cabin IN ('economy', 'business')),
  seat TEXT,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'flown', 'cancelled')),
  price REAL NOT NULL DEFAULT 0 CHECK (price >= 0),
  booked_on TEXT NOT NULL,
  last_change_charge REAL NOT NULL DEFAULT 0,
  cancel_reason TEXT,
  refund_amount REAL
);
CREATE TABLE bags (
  bag_id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings(booking_id),
  tag_number TEXT NOT NULL,
  weight_kg INTEGER NOT NULL CHECK (weight_kg BETWEEN 1 AND 32),
  fee REAL NOT NULL DEFAULT 0 CHECK (fee >= 0),
  status TEXT NOT NULL CHECK (status IN ('prepaid', 'delivered', 'delayed', 'lost')),
  last_seen TEXT
);
CREATE TABLE vouchers (
  voucher_id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings(booking_id),
  amount REAL NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  expires_on TEXT NOT NULL
);
