package com.comicshelf.bench;

import java.util.List;

/**
 * The users measured for one friend count: "~50", "~300" or the cap.
 *
 * @param label what the table shows, e.g. "~300"
 * @param target the friend count aimed at
 * @param users the measured users
 * @param avgFriends their mean friend count
 * @param avgHubFriends their mean number of friends whose ranking is materialized (the write fan-out)
 */
record FriendClass(String label, int target, List<Long> users, double avgFriends, double avgHubFriends) {}
