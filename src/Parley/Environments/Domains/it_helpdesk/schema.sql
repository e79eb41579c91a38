CREATE TABLE employees (
  employee_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  employee_number TEXT NOT NULL,
  department TEXT NOT NULL CHECK (department IN ('Finance', 'Marketing', 'Sales', 'Engineering', 'People', 'Legal', 'Operations', 'Customer Support')),
  job_title TEXT NOT NULL,
  location TEXT NOT NULL CHECK (location IN ('London', 'Manchester', 'Dublin', 'Remote'))
);
CREATE TABLE technicians (
  technician_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  team TEXT NOT NULL CHECK (team IN ('service_desk', 'hardware', 'network', 'identity'))
);
CREATE TABLE devices (
  device_id INTEGER PRIMARY KEY,
  asset_tag TEXT NOT NULL,
  employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
  model TEXT NOT NULL,
  device_type TEXT NOT NULL CHECK (device_type IN ('laptop', 'desktop', 'monitor', 'phone', 'tablet')),
  purchased_on TEXT NOT NULL,
  warranty_until TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('in_use', 'in_repair', 'replacement_pending', 'retired'))
);
CREATE TABLE tickets (
  ticket_id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
  device_id INTEGER REFERENCES devices(device_id),
  technician_id INTEGER REFERENCES technicians(technician_id),
  subject TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('hardware', 'software', 'network', 'access', 'email')),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
  opened_on TEXT NOT NULL,
  updated_on TEXT NOT NULL,
  closed_on TEXT,
  last_note TEXT
);
CREATE TABLE software (
  software_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  vendor TEXT NOT NULL,
  seats_total INTEGER NOT NULL CHECK (seats_total > 0),
  requires_approval INTEGER NOT NULL CHECK (requires_approval IN (0, 1))
);
CREATE TABLE licence_assignments (
  assignment_id INTEGER PRIMARY KEY,
  software_id INTEGER NOT NULL REFERENCES software(software_id),
  employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
  assigned_on TEXT NOT NULL,
  released_on TEXT
);
CREATE TABLE kb_articles (
  article_id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  topic TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('hardware', 'software', 'network', 'access', 'email')),
  views INTEGER NOT NULL CHECK (views >= 0),
  updated_on TEXT NOT NULL
);
