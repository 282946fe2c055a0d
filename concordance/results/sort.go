package results

import "sort"

func sortStrata(s []Stratum) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].LevelOrder != s[j].LevelOrder {
			return s[i].LevelOrder < s[j].LevelOrder
		}
		if s[i].Level != s[j].Level {
			return s[i].Level < s[j].Level
		}
		if s[i].Level2Order != s[j].Level2Order {
			return s[i].Level2Order < s[j].Level2Order
		}
		return s[i].Level2 < s[j].Level2
	})
}
