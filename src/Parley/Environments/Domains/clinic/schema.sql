CREATE TABLE doctors (
  doctor_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  specialty TEXT NOT NULL CHECK (specialty IN ('family medicine', 'cardiology', 'dermatology', 'orthopedics', 'neurology', 'endocrinology')),
  location TEXT NOT NULL
);
CREATE TABLE patients (
  patient_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  insurance_plan TEXT NOT NULL CHECK (insurance_plan IN ('BlueCare Basic', 'BlueCare Plus', 'HealthFirst PPO', 'Medicare', 'self-pay')),
  primary_doctor_id INTEGER NOT NULL REFERENCES doctors(doctor_id)
);
CREATE TABLE slots (
  slot_id INTEGER PRIMARY KEY,
  doctor_id INTEGER NOT NULL REFERENCES doctors(doctor_id),
  slot_date TEXT NOT NULL,
  slot_time TEXT NOT NULL,
  is_booked INTEGER NOT NULL DEFAULT 0 CHECK (is_booked IN (0, 1))
);
CREATE TABLE appointments (
  appointment_id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(patient_id),
  slot_id INTEGER NOT NULL REFERENCES slots(slot_id),
  visit_reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show')),
  cancel_reason TEXT,
  booked_on TEXT NOT NULL,
  CHECK (status = 'cancelled' OR cancel_reason IS NULL)
);
CREATE TABLE prescriptions (
  prescription_id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(patient_id),
  doctor_id INTEGER NOT NULL REFERENCES doctors(doctor_id),
  medication TEXT NOT NULL,
  dosage TEXT NOT NULL DEFAULT '',
  refills_left INTEGER NOT NULL CHECK (refills_left >= 0),
  last_filled TEXT NOT NULL,
  pharmacy TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'expired'))
);
CREATE TABLE referrals (
  referral_id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(patient_id),
  referring_doctor_id INTEGER NOT NULL REFERENCES doctors(doctor_id),
  specialty TEXT NOT NULL CHECK (specialty IN ('cardiology', 'dermatology', 'orthopedics', 'neurology', 'endocrinology')),
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
  created_on TEXT NOT NULL,
  expires_on TEXT NOT NULL
);
