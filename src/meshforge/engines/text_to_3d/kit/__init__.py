"""Parts shared by the generators: legs, handles, lids, vessels, wheels, frames, poles,
screens, round organic bodies. A generator family builds from these, so one idea of a
leg or a handle serves every kind that has one."""
