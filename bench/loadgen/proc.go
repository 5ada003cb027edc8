package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// userHZ is the unit of utime/stime in /proc/PID/stat; the kernel fixes it at
// 100 for user space on every architecture this runs on.
const userHZ = 100

// processCPUSeconds is the user+system CPU time this process has used so far.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// pidCPUSeconds is the user+system CPU time of process pid (all its threads).
func pidCPUSeconds(pid int) (float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name may contain spaces; the fields after it are fixed.
	s := string(data)
	end := strings.LastIndexByte(s, ')')
	if end < 0 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	fields := strings.Fields(s[end+1:])
	// fields[0] is the state (field 3); utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad /proc/%d/stat", pid)
	}
	return float64(utime+stime) / userHZ, nil
}

// machineBusySeconds is the CPU time all CPUs have spent not idle since boot.
func machineBusySeconds() (float64, error) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line := strings.SplitN(string(data), "\n", 2)[0]
	fields := strings.Fields(line)
	if len(fields) < 6 || fields[0] != "cpu" {
		return 0, fmt.Errorf("unexpected /proc/stat")
	}
	var busy int64
	for i, f := range fields[1:] {
		v, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("bad /proc/stat")
		}
		// Fields: user nice system idle iowait irq softirq steal guest guest_nice;
		// guest time is already counted in user and nice.
		switch i {
		case 3, 4, 8, 9:
		default:
			busy += v
		}
	}
	return float64(busy) / userHZ, nil
}

// cpuMeter measures, between two points, the CPU time used by this process,
// by the server process (when a pid was given and /proc can be read) and by
// everything else on the machine, which would skew the comparison.
type cpuMeter struct {
	pid          int
	serverStart  float64
	serverOK     bool
	clientStart  float64
	machineStart float64
	machineOK    bool
}

func (m *cpuMeter) begin(pid int) {
	m.pid = pid
	m.clientStart = processCPUSeconds()
	v, err := machineBusySeconds()
	m.machineStart, m.machineOK = v, err == nil
	if pid <= 0 {
		return
	}
	v, err = pidCPUSeconds(pid)
	m.serverStart, m.serverOK = v, err == nil
}

// end adds the CPU seconds used since begin, and the share of one core over
// the given wall-clock seconds, to r.
func (m *cpuMeter) end(r result, seconds float64) {
	pct := func(cpu float64) float64 {
		if seconds <= 0 {
			return 0
		}
		return round(100*cpu/seconds, 1)
	}
	client := processCPUSeconds() - m.clientStart
	r["client_cpu_s"] = round(client, 3)
	r["client_cpu_pct"] = pct(client)
	if !m.serverOK {
		return
	}
	v, err := pidCPUSeconds(m.pid)
	if err != nil {
		return
	}
	server := v - m.serverStart
	r["server_cpu_s"] = round(server, 3)
	r["server_cpu_pct"] = pct(server)
	if busy, err := machineBusySeconds(); err == nil && m.machineOK {
		other := busy - m.machineStart - server - client
		if other < 0 {
			other = 0 // the three are sampled at slightly different instants
		}
		r["other_cpu_pct"] = pct(other)
	}
}
