CREATE TABLE employees (
  employee_id INTEGER PRIMARY KEY,
  employee_number TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  department TEXT NOT NULL CHECK (department IN ('Engineering', 'Finance', 'Marketing', 'Operations', 'Sales', 'People')),
  job_title TEXT NOT NULL,
  manager_id INTEGER REFERENCES employees(employee_id),
  hire_date TEXT NOT NULL
);
CREATE TABLE leave_types (
  type_id INTEGER PRIMARY KEY,
  leave_type TEXT NOT NULL CHECK (leave_type IN ('annual', 'sick', 'study', 'compassionate')),
  description TEXT NOT NULL,
  days_per_year INTEGER NOT NULL CHECK (days_per_year >= 0),
  min_notice_days INTEGER NOT NULL CHECK (min_notice_days >= 0),
  needs_approval INTEGER NOT NULL CHECK (needs_approval IN (0, 1))
);
CREATE TABLE leave_balances (
  balance_id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
  leave_type TEXT NOT NULL CHECK (leave_type IN ('annual', 'sick', 'study', 'compassionate')),
  year INTEGER NOT NULL,
  entitled_days INTEGER NOT NULL CHECK (entitled_days >= 0),
  carried_over_days INTEGER NOT NULL DEFAULT 0 CHECK (carried_over_days >= 0),
  booked_days INTEGER NOT NULL DEFAULT 0 CHECK (booked_days >= 0)
);
CREATE TABLE leave_requests (
  request_id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
  leave_type TEXT NOT NULL CHECK (leave_type IN ('annual', 'sick', 'study', 'compassionate')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  working_days INTEGER NOT NULL DEFAULT 0 CHECK (working_days >= 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
  note TEXT,
  submitted_on TEXT NOT NULL,
  decided_by INTEGER REFERENCES employees(employee_id),
  decided_on TEXT,
  manager_comment TEXT
);
CREATE TABLE public_holidays (
  holiday_id INTEGER PRIMARY KEY,
  holiday_date TEXT NOT NULL,
  name TEXT NOT NULL
);
