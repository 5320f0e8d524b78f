package sprint

// CapacityOf is a member's hours in the sprint: what was set for them, else
// the default from their hours per day (a member who joined after planning).
func (s Sprint) CapacityOf(handle string, hoursPerDay float64) float64 {
	if h, ok := s.Capacity[handle]; ok {
		return h
	}
	return s.DefaultCapacity(handle, hoursPerDay)
}
