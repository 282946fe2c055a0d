package results

import "sort"

func sortStrata(s []Stratum) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].LevelOrder != s[j].LevelOrder {
			return s[i].LevelOrder < s[j].LevelOrder
		}
		return s[i].Level < s[j].Level
	})
}
